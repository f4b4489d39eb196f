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
# # Finding coordination gaps
#
# For backbone staff: what the findings say about the bundled *Bildungsallianz
# Rheinstadt*, what each one means, how the plan compares with reality, and
# the report to send around. (Without Python, one command does all of this:
# `sysmap report survey.csv --actors members.csv --plan plan.csv -o report.html`.)

# %%
import pandas as pd

import sysmap
from sysmap.findings import find_gaps, findings_catalogue, read_plan

SEED = 0
folder = sysmap.datasets.sample_path("bildungsallianz")
data = sysmap.load_sample("bildungsallianz", wave=1)
partnerships = sysmap.load_sample("bildungsallianz", wave=1, kind="partnerships")

# %% [markdown]
# ## 1. The findings, most urgent first
# Each finding has a stable id, a severity, one sentence with the numbers in
# it, the evidence behind it, and a suggested action in one of the backbone's
# six activities. `robust` says whether the finding also holds when one-sided
# ties and missing answers are counted differently.

# %%
findings = find_gaps(data, group="sector", plan=folder / "plan.csv",
                     affiliations=partnerships, seed=SEED)
table = findings.frame
table[["severity", "statement", "robust"]].head(10)

# %%
table.groupby(["rule", "severity"]).size().unstack(fill_value=0)

# %% [markdown]
# ## 2. What a finding rests on
# The evidence is a table: here, the organizations whose departure would cut
# others off from each other.

# %%
spof = findings.filter(rule="single_points_of_failure")
for finding in list(spof)[:2]:
    print(finding.statement)
    print("->", finding.action)
list(spof)[0].evidence.head() if len(spof) else None

# %% [markdown]
# ## 3. What each kind of finding means
# The catalogue lists every rule with its meaning for a backbone organization,
# the metric and reference, and the default thresholds (all adjustable).

# %%
findings_catalogue("en")[["title", "meaning", "thresholds"]].head(8)

# %% [markdown]
# ## 4. Plan versus reality
# The initiative's plan says which sectors should work together (1 = planned).
# Planned pairs without ties are gaps to close; ties between sectors that
# were not planned may be worth recognizing.

# %%
plan = read_plan(folder / "plan.csv")
plan

# %%
planned = findings.filter(rule="plan_vs_reality")
pd.DataFrame({"statement": [f.statement for f in planned]})

# %% [markdown]
# ## 5. In German
# The same findings, worded for a German-speaking steering group.

# %%
german = find_gaps(data, group="sector", plan=folder / "plan.csv", lang="de", seed=SEED)
[f.statement for f in list(german)[:3]]

# %% [markdown]
# ## 6. The report
# One self-contained HTML file with the findings, the map with the gap
# overlays, mixing, clusters, brokers, tables, methods and the ingest report,
# plus the tables as CSV and Excel.

# %%
report = sysmap.gap_report(data, plan=folder / "plan.csv", affiliations=partnerships,
                           lang="en", seed=SEED)
report.save("report.html")
written = report.save_tables("report-tables")
len(report.findings), [p.name for p in written][:4]
