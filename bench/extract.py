"""Throughput of the figure extractor over the government work report corpus (3.3 MB).

    .venv/bin/python bench/extract.py

Prints MB/s for devzone's extractor and, beside it, for jionlp's money extraction on the same
text (a benchmark-only dependency: `pip install -e ".[bench]"`); the baseline is skipped with a
message when jionlp is not installed. Skips when ../shared/data is absent.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from datetime import date

from devzone.core.paths import shared_data_dir
from devzone.texts.extraction import extract, load_document


def _contents() -> list[str] | None:
    path = shared_data_dir() / "texts" / "government_work_reports.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found")
        return None
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["content"] for line in handle if line.strip()]


def _timed(run, contents: list[str]) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds: on a shared machine the CPU time is the fairer number."""
    started, cpu = time.perf_counter(), time.process_time()
    count = sum(run(text) for text in contents)
    return time.perf_counter() - started, time.process_time() - cpu, count


def _devzone(text: str) -> int:
    return len(extract(load_document(text, published=date(2024, 3, 5))))


def _jionlp_runner():
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp
    except ImportError:
        return None
    return lambda text: len(jionlp.ner.extract_money(text))


def main() -> int:
    contents = _contents()
    if contents is None:
        return 0
    megabytes = sum(len(text.encode("utf-8")) for text in contents) / 1e6
    seconds, cpu, facts = _timed(_devzone, contents)
    ours = megabytes / cpu
    print(f"corpus: {len(contents)} texts, {megabytes:.2f} MB")
    print(
        f"devzone extract: {megabytes / seconds:.2f} MB/s wall, {ours:.2f} MB/s CPU, {facts} facts"
    )
    runner = _jionlp_runner()
    if runner is None:
        print('baseline skipped: jionlp is not installed (pip install -e ".[bench]")')
        return 0
    seconds, cpu, amounts = _timed(runner, contents)
    theirs = megabytes / cpu
    print(
        f"jionlp extract_money: {megabytes / seconds:.2f} MB/s wall, {theirs:.2f} MB/s CPU, "
        f"{amounts} amounts"
    )
    print(f"ratio devzone / jionlp (CPU): {ours / theirs:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
