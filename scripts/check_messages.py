#!/usr/bin/env python3
"""Fail when the zh_Hans catalogue has an untranslated or fuzzy message, or a stale .mo.

Run by ``make check``. Fix with ``make messages``, then translate what it lists.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from devzone.web.catalogue import CATALOGUE, check_catalogue, unextracted_aliases


def main() -> int:
    problems = check_catalogue(CATALOGUE) + unextracted_aliases()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {CATALOGUE}", file=sys.stderr)
        return 1
    print(f"{CATALOGUE.name}: every message translated and compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
