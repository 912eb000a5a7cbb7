"""The gold annotations and the evaluation against the real seed documents and reports."""

from __future__ import annotations

import json

import pytest

from devzone.texts.extraction.evaluation import (
    GOLD_DIR,
    missing_data,
    score_reports,
    score_seeds,
)


def test_gold_files_are_well_formed_and_large_enough():
    rows = []
    for name in ("seeds.jsonl", "reports.jsonl"):
        with (GOLD_DIR / name).open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle]
    assert len(rows) >= 150
    reports = [r for r in rows if "passage" in r]
    assert len(reports) >= 100
    for row in rows:
        assert {"metric", "value", "unit", "period", "quote"} <= row.keys()
        assert row["value"] is not None or row["change"] is not None


@pytest.mark.shared_data
def test_precision_and_recall_reach_the_goal():
    missing = missing_data()
    if missing is not None:
        pytest.skip(f"{missing} not found")
    total = score_seeds()
    total.add(score_reports())
    assert total.precision >= 0.9, total.spurious()
    assert total.recall >= 0.9, total.missed()
