"""Fixtures of the web tests: signed-in browsers for each role, and a fresh throttle."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client


def signed_in(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def client_a(staff_a):
    return signed_in(staff_a)


@pytest.fixture
def client_b(staff_b):
    return signed_in(staff_b)


@pytest.fixture
def leader_client(leader_jinhua):
    return signed_in(leader_jinhua)


def build_project(zone, actor, name, yuan, *, investors=(), reports=(), milestones=None, **fields):
    """A project made through the services, with optional investors and monthly reports."""
    import datetime as dt
    from decimal import Decimal

    from devzone.projects import services

    project = services.create_project(
        actor=actor,
        zone=zone,
        name=name,
        planned_investment=Decimal(yuan),
        investors=investors,
        milestones=milestones,
        **fields,
    )
    for month, amount in reports:
        services.submit_investment_report(
            project, dt.date.fromisoformat(month), Decimal(amount), actor=actor
        )
    return project


@pytest.fixture
def industries(db):
    from devzone.enterprises.models import Industry
    from devzone.enterprises.reference import load_industries

    load_industries()
    return {industry.code: industry for industry in Industry.objects.filter(level__lte=2)}


@pytest.fixture
def catl(db):
    from devzone.enterprises.services import create_enterprise

    return create_enterprise(
        actor=None,
        legal_name="宁德时代新能源科技股份有限公司",
        short_name="宁德时代",
        aliases=[("CATL", "english")],
    )
