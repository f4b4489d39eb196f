"""``python -m sysmap.metrics``: compile sysmap's numba kernels now.

numba compiles a kernel on first use (a few seconds) and keeps it in
``__pycache__``; ``make install`` runs this, so that the first analysis does not
wait. It computes each compiled measure once on a small ring, where they all take
the compiled path: the distance-fragmentation impact (undirected and the strong
reading) and the spans of local bridges.
"""

import networkx as nx

from sysmap.metrics import fragmentation_impact, tie_measures

ring = nx.cycle_graph(30)
fragmentation_impact(ring)
fragmentation_impact(nx.cycle_graph(30, create_using=nx.DiGraph), reading="strong")
tie_measures(ring, strength=None)
