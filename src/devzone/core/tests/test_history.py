"""The change history's version numbers: the newest record, overall or of some record types."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from devzone.core.history import history_version, save_with_history
from devzone.core.models import ChangeRecord
from devzone.regions.models import Region


@pytest.mark.django_db
def test_the_version_of_some_types_is_their_newest_record(regions):
    from devzone.enterprises.models import Enterprise
    from devzone.enterprises.services import create_enterprise

    before = history_version(Enterprise)
    create_enterprise(actor=None, legal_name="金华银行股份有限公司")
    newest = ChangeRecord.objects.order_by("-pk").first()

    assert history_version(Enterprise) == newest.pk > before
    assert history_version(Region) < newest.pk == history_version()


@pytest.mark.django_db
def test_the_version_of_some_types_is_read_from_an_index_not_a_scan():
    """Asked on every suggestion of the matcher, over millions of enterprise records."""
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's query plan")
    types = [t.pk for t in ContentType.objects.get_for_models(Region, ChangeRecord).values()]
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT MAX(id) FROM core_changerecord "
            "WHERE content_type_id IN (%s, %s)",
            types,
        )
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING COVERING INDEX core_change_type_idx" in plan


@pytest.mark.django_db
def test_passwords_and_token_hashes_never_reach_the_history():
    from django.contrib.auth import get_user_model

    from devzone.accounts.services import create_user, issue_token

    user = create_user(
        actor=None, username="wang", password="a-long-Secret-42", role="staff", check_password=False
    )
    issue_token(user, actor=None)
    created = ChangeRecord.objects.get(
        content_type=ContentType.objects.get_for_model(get_user_model()), action="create"
    )
    stored = str([record.after for record in ChangeRecord.objects.all()])

    assert created.after["password"].startswith("••••••")
    assert "pbkdf2" not in stored and user.password not in stored

    user.set_password("another-Secret-43")
    save_with_history(user, actor=None)
    changed = ChangeRecord.objects.filter(action="update").latest("pk")
    assert changed.before["password"] != changed.after["password"]
