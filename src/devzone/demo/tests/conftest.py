"""The demo is loaded once per test module (it takes seconds) inside a transaction that is
rolled back afterwards; each test still runs in its own savepoint through the ``db`` fixture."""

from __future__ import annotations

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
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
