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
# # Comparing waves
#
# For evaluators: the bundled *Bildungsallianz Rheinstadt* was surveyed three
# times. What changed, and is the change more than noise? Organizations keep
# their ids across waves; one was renamed, which the alias table declares.
# (Without Python: `sysmap compare survey_wave1.csv survey_wave2.csv
# survey_wave3.csv --actors members_wave1.csv members_wave2.csv members_wave3.csv
# --aliases aliases.csv -o compare.html`.)

# %%
import sysmap
from sysmap.compare import Panel, compare_waves
from sysmap.maps.waves import difference_map, wave_maps

SEED = 0
folder = sysmap.datasets.sample_path("bildungsallianz")

# %% [markdown]
# ## 1. Align the waves
# Each wave has its own member list (organizations join and leave); the alias
# table carries the rename. One symmetrization rule for all waves.

# %%
panel = Panel.from_files(
    [folder / f"survey_wave{k}.csv" for k in (1, 2, 3)],
    actors=[folder / f"members_wave{k}.csv" for k in (1, 2, 3)],
    aliases=folder / "aliases.csv",
    labels=["2024", "2025", "2026"],
    symmetrize="respondent_priority",
)
panel.summary()

# %%
panel.renamed

# %% [markdown]
# ## 2. What changed, and is it real?
# Tie churn, network measures side by side, and three tests: QAP correlation
# of the waves' ties, a paired bootstrap of the change in density, and a
# permutation test of the change in the E-I index. The same seed gives the
# same p-values, whatever the number of processes.

# %%
comparison = compare_waves(panel, group="sector", n_permutations=1000, seed=SEED)
comparison.tests[["wave_from", "wave_to", "test", "estimate", "ci_low", "ci_high", "p_value"]]

# %%
comparison.churn

# %%
comparison.network.loc[["density", "fragmentation", "degree_centralization", "ei_index"]]

# %% [markdown]
# The statements say the same in plain language, with the caveats first
# (here: the response rate fell to 62 % in 2026, so read that wave with care).

# %%
for text in comparison.statements["text"].head(12):
    print("-", text)

# %% [markdown]
# Restricting the comparison to organizations that responded in every wave
# separates real change from changes in who answered:

# %%
strict = compare_waves(panel, group="sector", restrict="responded_all", seed=SEED)
strict.tests[["wave_from", "wave_to", "test", "estimate", "p_value", "n_actors"]]

# %% [markdown]
# ## 3. Maps in one layout, and a difference map
# Each organization stays in place across waves; the difference map shows
# kept, formed and dissolved ties and the organizations that joined or left.

# %%
graphs = panel.graphs
waves = wave_maps(graphs, color="sector", seed=SEED)
waves

# %%
diff = difference_map(graphs["2025"], graphs["2026"], labels=("2025", "2026"),
                      layout=waves.layout, seed=SEED)
diff

# %% [markdown]
# ## 4. The report
# One offline HTML file with all of the above, in English or German, and the
# tables as CSV and Excel.

# %%
from sysmap.report.comparison import comparison_report  # noqa: E402

report = comparison_report(panel, group="sector", lang="de", seed=SEED)
report.save("vergleich.html")
len(report.tables)
