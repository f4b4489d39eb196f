"""Finding and Findings: validation, ranking, lookup by id, filters and the tidy table."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sysmap.exceptions import ParameterError
from sysmap.findings import Finding, Findings


def make(id_, rule="r", severity="low", **kwargs):
    kwargs.setdefault("evidence", pd.DataFrame({"x": [1]}))
    return Finding(id=id_, rule=rule, severity=severity, statement=f"about {id_}", **kwargs)


@pytest.fixture
def findings():
    return Findings(
        [
            make("b:2", rule="second", severity="high"),
            make("a:1", rule="first", severity="low", robust=True, activity="funding"),
            make("c:3", rule="first", severity="high", values={"n": 3, "share": float("nan")}),
            make("d:4", rule="second", severity="info", robust=False),
        ],
        lang="en",
        rule_order=["first", "second"],
        skipped={"third": "no plan"},
    )


def test_ranking_by_severity_then_rule_order_then_id(findings):
    # high: c:3 (rule first) before b:2 (rule second); then low a:1; then info d:4
    assert findings.ids == ["c:3", "b:2", "a:1", "d:4"]
    assert len(findings) == 4
    assert findings[0].id == "c:3"
    assert findings["b:2"].rule == "second"
    assert "a:1" in findings and "z:9" not in findings
    assert repr(findings) == "<Findings: 4 (2 high, 1 low, 1 info), lang='en'>"


def test_missing_id_suggests_same_kind(findings):
    with pytest.raises(KeyError, match=r"no finding with id 'a:9'.*\['a:1'\]"):
        findings["a:9"]


def test_filter_and_slice(findings):
    assert findings.filter(severity="high").ids == ["c:3", "b:2"]
    assert findings.filter(rule=["second"], severity=("info", "high")).ids == ["b:2", "d:4"]
    assert findings.filter(robust=False).ids == ["d:4"]
    assert findings.filter(robust=None).ids == ["c:3", "b:2"]
    assert findings.filter(activity="funding").ids == ["a:1"]
    sub = findings[1:3]
    assert isinstance(sub, Findings) and sub.ids == ["b:2", "a:1"]
    assert sub.skipped == {"third": "no plan"}
    with pytest.raises(ParameterError, match="severity must be among"):
        findings.filter(severity="urgent")


def test_frame_is_tidy_and_json(findings):
    frame = findings.frame
    assert list(frame.columns[:7]) == ["id", "rule", "severity", "statement", "action",
                                       "activity", "robust"]
    assert frame["id"].tolist() == findings.ids
    assert frame["robust"].dtype == "boolean"
    assert frame.loc[0, "robust"] is pd.NA
    # NaN becomes null so that the column is valid JSON
    assert json.loads(frame.loc[0, "values"]) == {"n": 3, "share": None}
    evidence = findings.evidence()
    assert evidence["id"].tolist() == findings.ids and evidence["x"].tolist() == [1, 1, 1, 1]


def test_finding_validation():
    with pytest.raises(ParameterError, match="severity must be one of"):
        make("x", severity="urgent")
    with pytest.raises(ParameterError, match="activity must be one of"):
        make("x", activity="lobbying")
    with pytest.raises(ParameterError, match="evidence must be a pandas DataFrame"):
        make("x", evidence=[1, 2])
    with pytest.raises(ParameterError, match="ids must be unique"):
        Findings([make("x"), make("x")])
    with pytest.raises(ParameterError, match="holds Finding objects"):
        Findings(["x"])


def test_finding_equality_hash_and_copy():
    f = make("x", values={"k": 1})
    g = make("x", values={"k": 1}, evidence=pd.DataFrame({"y": [2]}))
    assert f == g and hash(f) == hash(g)  # evidence does not take part in equality
    h = f.with_robustness(False, "Does not hold under: mutual.")
    assert (h.robust, f.robust) == (False, None)
    assert h.to_dict()["robustness_note"] == "Does not hold under: mutual."
