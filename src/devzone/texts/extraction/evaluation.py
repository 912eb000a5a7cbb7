"""Scoring the extractor against the hand-annotated gold facts in ``devzone/texts/gold``.

A figure matches when (metric, value, unit, period) agree, plus the change when the text gives
one (a growth-only statement has no value, so without the change "GDP grew 6.9%" and "GDP grew
5.2%" would be one tuple). Report passages are scored on the facts whose span falls inside the
passage; the whole report is extracted so that section headings ("一、2023年工作回顾") give
their year, exactly as in real use.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from devzone.core.paths import REPO_ROOT, shared_data_dir
from devzone.core.units.quantity import plain_decimal

from .document import load_document
from .engine import extract
from .model import Fact

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"
REPORT_PUBLISHED_MONTH_DAY = (3, 5)  # the NPC hears the government work report in early March


def seeds_dir() -> Path:
    return REPO_ROOT.parent / "shared" / "seeds"


def reports_path() -> Path:
    return shared_data_dir() / "texts" / "government_work_reports.jsonl"


@dataclass
class Score:
    name: str
    gold: list[tuple] = field(default_factory=list)
    found: list[tuple] = field(default_factory=list)

    @property
    def true_positives(self) -> int:
        return sum((Counter(self.gold) & Counter(self.found)).values())

    @property
    def precision(self) -> float:
        return self.true_positives / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / len(self.gold) if self.gold else 1.0

    def missed(self) -> list[tuple]:
        return list((Counter(self.gold) - Counter(self.found)).elements())

    def spurious(self) -> list[tuple]:
        return list((Counter(self.found) - Counter(self.gold)).elements())

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found


def _decimal(value: str | None) -> str | None:
    return None if value is None else plain_decimal(Decimal(value))


def gold_key(row: dict) -> tuple:
    change = row.get("change")
    change_key = None
    if change:
        signed = Decimal(change["value"]) * change["direction"]
        change_key = (plain_decimal(signed), change["kind"])
    return (row["metric"], _decimal(row["value"]), row["unit"], row["period"], change_key)


def fact_tuple(fact: Fact) -> tuple:
    change_key = None
    if fact.change is not None:
        change_key = (plain_decimal(fact.change.signed_value), fact.change.kind)
    value = None if fact.value is None else plain_decimal(fact.value)
    period = fact.period.label if fact.period else None
    return (fact.metric, value, fact.unit, period, change_key)


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def missing_data() -> Path | None:
    """The first input that is not there, or None when the evaluation can run."""
    for path in (seeds_dir(), reports_path()):
        if not path.exists():
            return path
    return None


def score_seeds() -> Score:
    rows = _read_jsonl(GOLD_DIR / "seeds.jsonl")
    total = Score("seed documents")
    for name in sorted({row["doc"] for row in rows}):
        doc = load_document((seeds_dir() / name).read_text(encoding="utf-8"))
        score = Score(name)
        score.gold = [gold_key(r) for r in rows if r["doc"] == name]
        score.found = [fact_tuple(f) for f in extract(doc)]
        total.add(score)
    return total


def _reports() -> dict[int, str]:
    reports = {}
    for row in _read_jsonl(reports_path()):
        title = row["title"]
        if title.endswith("政府工作报告") and title[:4].isdigit() and "决议" not in title:
            reports[int(title[:4])] = row["content"]
    return reports


def score_reports() -> Score:
    passages = json.loads((GOLD_DIR / "passages.json").read_text(encoding="utf-8"))
    rows = _read_jsonl(GOLD_DIR / "reports.jsonl")
    reports = _reports()
    total = Score("government work reports")
    facts_by_year: dict[int, list[Fact]] = {}
    for passage in passages:
        year = passage["year"]
        content = reports[year]
        start = content.index(passage["start"])
        end = content.index(passage["end"], start) + len(passage["end"])
        if year not in facts_by_year:
            doc = load_document(content, published=date(year, *REPORT_PUBLISHED_MONTH_DAY))
            facts_by_year[year] = extract(doc)
        score = Score(passage["id"])
        score.gold = [gold_key(r) for r in rows if r["passage"] == passage["id"]]
        score.found = [
            fact_tuple(f) for f in facts_by_year[year] if start <= f.span[0] and f.span[1] <= end
        ]
        total.add(score)
    return total
