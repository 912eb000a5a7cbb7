"""Evaluation (a) on the real listed-company data, when the shared data is present.

The registry holds the 4,654 legal names only; each stock short name must find its company.
82 of the short names are labelled with several legal names in the data itself, so at most
about 0.99 is reachable; many remaining misses are true ties (科思股份: 南京科思化学 or 深圳市科思
科技?) that no name feature decides.
"""

from __future__ import annotations

import pytest

from devzone.core.paths import shared_data_dir
from devzone.matching.evaluation import CHAIN_COMPANIES, Report, evaluate_chain_companies

TOP1_GOAL = 0.97  # the project's goal for this evaluation
TOP1_FLOOR = 0.955  # what the engine reaches today: a drop below it is a regression
PRECISION_GOAL = 0.99  # of the queries decided "matched"


@pytest.fixture(scope="module")
def report() -> Report:
    """Run evaluation (a) once for the module, or skip when the data is absent."""
    path = shared_data_dir() / CHAIN_COMPANIES
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return evaluate_chain_companies(shared_data_dir())


@pytest.mark.shared_data
def test_short_names_find_their_legal_names(report: Report) -> None:
    assert report.top1 >= TOP1_FLOOR
    assert report.matched_precision >= PRECISION_GOAL


@pytest.mark.shared_data
@pytest.mark.xfail(reason="top-1 is 0.957 of the 0.97 goal; see the module docstring")
def test_short_names_reach_the_top1_goal(report: Report) -> None:
    assert report.top1 >= TOP1_GOAL
