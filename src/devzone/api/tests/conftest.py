"""API test fixtures: a JSON client per user, and a fingerprint of everything a write touches."""

from __future__ import annotations

from typing import Any

import pytest

from devzone.api.tests.client import ApiClient


@pytest.fixture
def api_as(db):
    """``api_as(user)``: a client authenticated with a fresh API token of ``user``."""
    from devzone.accounts.services import issue_token

    def make(user: Any) -> ApiClient:
        return ApiClient(issue_token(user, actor=None))

    return make


@pytest.fixture
def ledger_fingerprint(db):
    """``ledger_fingerprint()``: row counts and rows, to prove a refused write did nothing."""
    from devzone.core.models import ChangeRecord
    from devzone.projects.models import (
        InvestmentReport,
        Milestone,
        Problem,
        Project,
        ProjectInvestor,
    )

    def take() -> dict[str, Any]:
        models = (ChangeRecord, Project, Milestone, InvestmentReport, Problem, ProjectInvestor)
        counts = {model.__name__: model.objects.count() for model in models}
        projects = list(Project.objects.order_by("pk").values())
        problems = list(Problem.objects.order_by("pk").values())
        milestones = list(Milestone.objects.order_by("pk").values())
        return {"counts": counts, "projects": projects, "problems": problems, "m": milestones}

    return take
