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
# # Reading survey data into a network
#
# From the files a backbone organization has (a member list and a roster
# survey) to a networkx graph, seeing exactly what happened to every row.
# Uses the bundled synthetic *Bildungsallianz Rheinstadt* sample.

# %%
import networkx as nx
import pandas as pd

import sysmap

SEED = 0
folder = sysmap.datasets.sample_path("bildungsallianz")

# %% [markdown]
# ## The member list
# Persistent ids, display names, aliases (acronyms, old names), sector and
# whether the organization answered this wave's survey.

# %%
members = sysmap.read_actors(folder / "members_wave3.csv", aliases=folder / "aliases.csv")
members.actors.head()

# %% [markdown]
# ## The survey and its ingest report
# Names are matched by id, exact name, normalized name, then alias; close
# misspellings would only be suggested. Every merge is listed.

# %%
data = sysmap.read_survey(folder / "survey_wave3.csv", actors=members)
print(data.report.summary())

# %%
data.report.problems[["row", "column", "value", "check", "action"]].head(10)

# %% [markdown]
# The organization renamed before wave 3 is still found under its old name,
# through the alias list:

# %%
data.report.name_matches.query("name == 'Jugendhilfe Nord e.V.'")

# %% [markdown]
# ## Respondents and symmetrization
# Wave 3 has a low response rate, so the choice of rule matters. Compare the
# number of ties each rule keeps.

# %%
data.actors["status"].value_counts()

# %%
rules = ["union", "mutual", "respondent_priority"]
pd.DataFrame(
    {
        rule: {
            "ties": (G := sysmap.build_network(data, symmetrize=rule)).number_of_edges(),
            "isolates": nx.number_of_isolates(G),
        }
        for rule in rules
    }
).T

# %% [markdown]
# ## The graph
# A plain networkx graph with the attributes of every actor and the provenance
# of the choices made.

# %%
G = sysmap.build_network(data, symmetrize="respondent_priority", relation="joint programs")
G.graph["sysmap"]

# %%
pd.DataFrame.from_dict(dict(G.nodes(data=True)), orient="index")[
    ["name", "sector", "status", "trust_received"]
].head()
