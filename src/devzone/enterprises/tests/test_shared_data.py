"""The real listed companies: import their legal names, match their short names back."""

from __future__ import annotations

import csv
import json
import time

from devzone.enterprises.matching import match_names
from devzone.enterprises.models import Enterprise
from devzone.enterprises.registry import import_registry

SAMPLE_EVERY = 15  # about 310 of the 4,654 companies


def test_listed_companies_import_and_their_short_names_match(shared_data, db, tmp_path):
    companies = [
        json.loads(line)
        for line in (shared_data / "chains" / "company.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    legal_names = {company["fullname"] for company in companies}
    path = tmp_path / "listed.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["企业名称", "股票代码"])
        writer.writerows([name, ""] for name in sorted(legal_names))

    started = time.monotonic()
    summary = import_registry(path, actor=None)
    imported = time.monotonic() - started

    assert summary.created == len(legal_names) == Enterprise.objects.count()
    assert imported < 30
    sample = companies[::SAMPLE_EVERY]
    _, results = match_names([c["name"] for c in sample], actor=None, store=False)
    right = sum(
        result.best is not None and result.best.legal_name == company["fullname"]
        for company, result in zip(sample, results, strict=True)
    )
    decided_wrong = sum(
        result.decision == "matched" and result.best.legal_name != company["fullname"]
        for company, result in zip(sample, results, strict=True)
    )
    assert right / len(sample) >= 0.9, f"top-1 {right}/{len(sample)}"
    assert decided_wrong / len(sample) <= 0.03  # wrong links are rare; the rest go to review
