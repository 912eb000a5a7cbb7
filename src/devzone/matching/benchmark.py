"""How the index behaves at registry scale (hundreds of thousands to millions of names).

Real registries of that size are not public, so the benchmark recombines the parts of real
names (regions, trade-name characters with their frequencies, industry words, legal forms)
into synthetic legal names, then matches short names cut from them. It measures what scale
changes: build time, memory, query time; accuracy is measured by :mod:`.evaluation`.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .index import EnterpriseRecord, NameIndex
from .legalname import parse_legal_name
from .reference import industry_words

_FORMS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
_QUERY_ENDINGS = ("", "科技", "股份")
_SAMPLE_QUERIES = 300


@dataclass(frozen=True, slots=True)
class ScaleReport:
    """Build time, memory growth and query time of one synthetic registry."""

    size: int
    build_seconds: float
    memory_mb: float  # growth of the process's peak resident memory while building
    ms_per_query: float


def synthetic_names(seeds: Iterable[str], size: int, seed: int = 7) -> list[tuple[str, str]]:
    """(legal name, trade name) pairs recombined from the parts of *seeds* (real names)."""
    parsed = [parse_legal_name(name) for name in seeds]
    chars = Counter(char for name in parsed for char in name.core)
    regions = sorted({name.region for name in parsed if name.region})
    industries = sorted(industry_words())
    rnd = random.Random(seed)
    alphabet, weights = list(chars), list(chars.values())
    names = []
    for _ in range(size):
        core = "".join(rnd.choices(alphabet, weights, k=rnd.choice((2, 2, 3, 4))))
        legal = rnd.choice(regions) + core + rnd.choice(industries) + rnd.choice(_FORMS)
        names.append((legal, core))
    return names


def measure(names: list[tuple[str, str]], seed: int = 7) -> ScaleReport:
    """Build an index of *names* and time short-name queries (trade name + a common ending)."""
    before = _peak_rss_mb()
    started = time.perf_counter()
    index = NameIndex(EnterpriseRecord(i, legal) for i, (legal, _) in enumerate(names))
    built = time.perf_counter()
    growth = _peak_rss_mb() - before
    rnd = random.Random(seed)
    sample = rnd.sample(names, min(_SAMPLE_QUERIES, len(names)))
    queries = [core + rnd.choice(_QUERY_ENDINGS) for _, core in sample]
    index.match_many(queries)
    per_query = 1000 * (time.perf_counter() - built) / max(len(queries), 1)
    return ScaleReport(len(names), built - started, growth, per_query)


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 2**10)
