"""Precision and recall of the figure extractor against the hand-annotated gold facts.

    .venv/bin/python scripts/eval_extraction.py [-v]

Reads the seed documents from ../shared/seeds and the government work reports from
../shared/data/texts; prints "skipped: … not found" and exits 0 when they are absent.
"""

from __future__ import annotations

import sys

from devzone.texts.extraction.evaluation import Score, missing_data, score_reports, score_seeds


def _line(score: Score) -> str:
    return (
        f"{score.name:<26} gold {len(score.gold):>4}  found {len(score.found):>4}  "
        f"precision {score.precision:.3f}  recall {score.recall:.3f}"
    )


def main(argv: list[str]) -> int:
    missing = missing_data()
    if missing is not None:
        print(f"skipped: {missing} not found")
        return 0
    verbose = "-v" in argv
    total = Score("total (metric, value, unit, period)")
    for score in (score_seeds(), score_reports()):
        print(_line(score))
        if verbose:
            for row in score.missed():
                print("   missed  ", row)
            for row in score.spurious():
                print("   spurious", row)
        total.add(score)
    print(_line(total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
