# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # From survey to map
#
# For researchers: the whole path from a roster survey and a member list to
# metrics, clusters and an interactive map, on the bundled synthetic
# *Bildungsallianz Rheinstadt* (wave 1). Every step returns a pandas table or
# a networkx graph you can take further.

# %%
import pandas as pd

import sysmap
from sysmap.cluster import cluster_actors
from sysmap.metrics import brokerage_roles, fragmentation_impact, network_summary

SEED = 0
folder = sysmap.datasets.sample_path("bildungsallianz")

# %% [markdown]
# ## 1. Read the member list and the survey
# The ingest report says what was read, merged, repaired or dropped, and the
# response rate with its confidence band.

# %%
members = sysmap.read_actors(folder / "members_wave1.csv", aliases=folder / "aliases.csv")
data = sysmap.read_survey(folder / "survey_wave1.csv", actors=members)
print(data.report.summary())

# %% [markdown]
# ## 2. Symmetrization is a choice: see what it changes
# Survey ties are reported by one side. Turning them into undirected ties can
# count a tie when either side names it (`union`), only when both do
# (`mutual`), or when both respondents agree and otherwise take the
# respondent's word for a non-respondent (`respondent_priority`). The measures
# most sensitive to this are the tie count, density and centralization.

# %%
rows = {}
for rule in ["union", "respondent_priority", "mutual"]:
    s = network_summary(sysmap.build_network(data, symmetrize=rule))
    rows[rule] = {k: s[k] for k in ["n_ties", "density", "components",
                                    "betweenness_centralization"]}
pd.DataFrame(rows).T.round(3)

# %% [markdown]
# We continue with `respondent_priority`, the usual choice for partner surveys
# (see docs/symmetrization.md).

# %%
G = sysmap.build_network(data, symmetrize="respondent_priority")
G.number_of_nodes(), G.number_of_edges()

# %% [markdown]
# ## 3. Who holds the network together, who brokers between sectors?

# %%
impact = fragmentation_impact(G)
names = pd.Series(dict(G.nodes(data="name")), name="name")
impact.join(names).query("articulation_point").sort_values(
    "pairs_disconnected", ascending=False).head()

# %%
roles = brokerage_roles(G, "sector")
roles.join(names)[["name", "liaison", "gatekeeper", "liaison_z"]].sort_values(
    "liaison", ascending=False).head()

# %% [markdown]
# ## 4. Clusters and roles
# Consensus communities (20 seeded Leiden runs) with each actor's stability,
# and roles from the actors' position profiles, each described in words.

# %%
clusters = cluster_actors(G, group="sector", seed=SEED)
clusters.summary

# %%
clusters.communities[["size", "internal_density", "mean_stability", "groups", "name"]]

# %%
clusters.roles

# %% [markdown]
# ## 5. The map
# Computed layout (same seed, same picture), colour by community, size by
# betweenness, overlays for brokers, key players, bridges, isolates and
# non-respondents. It shows inline here and saves as one offline HTML file.

# %%
H = clusters.annotate(G)
m = sysmap.map(H, color="community", size="betweenness", seed=SEED)
m

# %%
m.save("bildungsallianz_wave1.html")
m.save_static("bildungsallianz_wave1.png")
sorted(p.name for p in __import__("pathlib").Path(".").glob("bildungsallianz_wave1.*"))
