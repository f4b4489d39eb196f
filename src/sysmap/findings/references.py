"""The citations behind the findings rules, in one place.

Each rule records the method it follows (``Rule.reference``, shown in
``Finding.reference``, the catalogue and the report's methods section).
Citations are the same in every language.
"""

from __future__ import annotations

__all__ = ["REFERENCES"]

#: Citation of each method, by short key (author and year).
REFERENCES: dict[str, str] = {
    "krackhardt_stern_1988": (
        'Krackhardt, David, and Robert N. Stern. "Informal Networks and Organizational '
        'Crises: An Experimental Simulation." Social Psychology Quarterly 51, no. 2 (1988): '
        "123-140. https://doi.org/10.2307/2786835"
    ),
    "borgatti_2006": (
        'Borgatti, Stephen P. "Identifying Sets of Key Players in a Social Network." '
        "Computational and Mathematical Organization Theory 12, no. 1 (2006): 21-34. "
        "https://doi.org/10.1007/s10588-006-7084-x"
    ),
    "freeman_1979": (
        'Freeman, Linton C. "Centrality in Social Networks Conceptual Clarification." '
        "Social Networks 1, no. 3 (1979): 215-239. "
        "https://doi.org/10.1016/0378-8733(78)90021-7"
    ),
    "wasserman_faust_1994": (
        "Wasserman, Stanley, and Katherine Faust. Social Network Analysis: Methods and "
        "Applications. Cambridge University Press, 1994. "
        "https://doi.org/10.1017/CBO9780511815478"
    ),
    "smith_moody_2013": (
        'Smith, Jeffrey A., and James Moody. "Structural Effects of Network Sampling '
        'Coverage I: Nodes Missing at Random." Social Networks 35, no. 4 (2013): 652-668. '
        "https://doi.org/10.1016/j.socnet.2013.09.003"
    ),
    "granovetter_1973": (
        'Granovetter, Mark S. "The Strength of Weak Ties." American Journal of Sociology 78, '
        "no. 6 (1973): 1360-1380. https://doi.org/10.1086/225469"
    ),
    "varda_2008": (
        'Varda, Danielle M., Anita Chandra, Stefan A. Stern, and Nicole Lurie. "Core '
        'Dimensions of Connectivity in Public Health Collaboratives." Journal of Public '
        "Health Management and Practice 14, no. 5 (2008): E1-E7 (PARTNER trust and value "
        "scales)."
    ),
    "traag_2019": (
        'Traag, Vincent A., Ludo Waltman, and Nees Jan van Eck. "From Louvain to Leiden: '
        'Guaranteeing Well-Connected Communities." Scientific Reports 9 (2019): 5233. '
        "https://doi.org/10.1038/s41598-019-41695-z; Lancichinetti, Andrea, and Santo "
        'Fortunato. "Consensus Clustering in Complex Networks." Scientific Reports 2 '
        "(2012): 336. https://doi.org/10.1038/srep00336"
    ),
    "kania_kramer_2011": (
        'Kania, John, and Mark Kramer. "Collective Impact." Stanford Social Innovation '
        "Review 9, no. 1 (2011): 36-41 (common agenda and theory of change)."
    ),
    "easley_kleinberg_2010": (
        "Easley, David, and Jon Kleinberg. Networks, Crowds, and Markets. Cambridge "
        "University Press, 2010, ch. 3-4 (triadic and focal closure). "
        "https://doi.org/10.1017/CBO9780511761942"
    ),
}
