"""Fixtures shared by every app's tests: users with roles and scopes, a small ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from devzone.core.paths import shared_data_dir

# Django-dependent imports live inside the fixtures, so that pure-Python modules (units,
# matching, extraction) can be tested without Django (`pytest -p no:django`).


def pytest_configure(config: pytest.Config) -> None:
    """Tests hash passwords with a fast hasher; production keeps Django's strong default.

    They run as of the real today (unless DEVZONE_AS_OF says otherwise), even where a demo
    left its day in the data directory, and a demo loaded by a test leaves it in a temporary
    directory, not in the working copy's.
    """
    if config.pluginmanager.hasplugin("django"):
        import os
        import tempfile
        from pathlib import Path

        from django.conf import settings

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # each test process counts failed logins apart (the server shares them through files)
        settings.CACHES = {
            **settings.CACHES,
            "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
        settings.DEVZONE_AS_OF = os.environ.get("DEVZONE_AS_OF") or None
        settings.DEMO_AS_OF_FILE = Path(tempfile.mkdtemp(prefix="devzone-test-")) / "demo-as-of"


@pytest.fixture(autouse=True)
def _language_restored(request):
    """LocaleMiddleware leaves the request's language active in the thread: put the previous
    one back, so a page asked for in English cannot change later tests."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.utils import translation

    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """The login throttle counts in the cache; every Django test starts with none."""
    if "django_db_setup" not in request.fixturenames and "db" not in request.fixturenames:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_data():
    """The real public data beside the repository; tests that need it skip without it."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"shared evaluation data not found at {path}")
    return path


def _region(code: str, name: str, level: str, parent: Any = None) -> Any:
    from devzone.regions.models import Region

    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent}
    )
    return region


@pytest.fixture
def regions(db):
    zhejiang = _region("330000", "浙江省", "province")
    jinhua = _region("330700", "金华市", "prefecture", zhejiang)
    guangdong = _region("440000", "广东省", "province")
    zhaoqing = _region("441200", "肇庆市", "prefecture", guangdong)
    return {"zhejiang": zhejiang, "jinhua": jinhua, "guangdong": guangdong, "zhaoqing": zhaoqing}


@pytest.fixture
def zone_a(regions):
    from devzone.regions.services import create_zone

    return create_zone(
        actor=None,
        region=regions["jinhua"],
        slug="jdz",
        name="金华经济技术开发区",
        kind="development_zone",
    )


@pytest.fixture
def zone_b(regions):
    from devzone.regions.services import create_zone

    return create_zone(
        actor=None,
        region=regions["zhaoqing"],
        slug="zq-hitech",
        name="肇庆高新区",
        kind="high_tech_zone",
    )


@pytest.fixture
def department_a(regions, zone_a):
    from devzone.regions.services import create_department

    return create_department(actor=None, region=regions["jinhua"], zone=zone_a, name="投资促进局")


PASSWORD = "Zone-office-2024!"


def _user(username: str, role: str, **scope: Any) -> Any:
    from devzone.accounts.services import create_user

    return create_user(username, PASSWORD, actor=None, role=role, **scope)


@pytest.fixture
def admin_user(db):
    return _user("admin1", "admin")


@pytest.fixture
def staff_a(zone_a):
    return _user("staff_a", "staff", zones=[zone_a])


@pytest.fixture
def staff_b(zone_b):
    return _user("staff_b", "staff", zones=[zone_b])


@pytest.fixture
def leader_jinhua(regions):
    return _user("leader_jh", "leader", regions=[regions["jinhua"]])


@pytest.fixture
def project_a(zone_a, staff_a):
    from devzone.projects import services as project_services

    return project_services.create_project(
        actor=staff_a,
        zone=zone_a,
        name="康佳（金华）新能源电池产业基地项目",
        planned_investment=Decimal("10000000000"),
        milestones={
            "signed": {"actual_date": dt.date(2022, 3, 1)},
            "construction_started": {"planned_date": dt.date(2022, 6, 1)},
        },
    )


@pytest.fixture
def project_b(zone_b, staff_b):
    from devzone.projects import services as project_services

    return project_services.create_project(
        actor=staff_b,
        zone=zone_b,
        name="肇庆制造业项目",
        planned_investment=Decimal("500000000"),
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once per test module (it takes seconds) inside a transaction that
    is rolled back afterwards; each test still runs in its own savepoint (``db``)."""
    from django.db import transaction

    from devzone.demo.loader import load_demo
    from devzone.enterprises.reference import load_industries
    from devzone.regions.reference import load_regions, package_rows

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_regions(package_rows())
            load_industries()
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
