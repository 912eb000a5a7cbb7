"""Bulk inserts: rows land as given, and the database's refusals read as Django's errors."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from devzone.core.models import ChangeRecord
from devzone.dataio.bulk import HISTORY_COLUMNS, MULTI_ROW, BulkWriter
from devzone.projects.models import Project

COLUMNS = ("id", *HISTORY_COLUMNS)


def _records(writer, count):
    content_type = ContentType.objects.get_for_model(Project).pk
    ids = writer.reserve_ids(ChangeRecord, count)
    return [
        (pk, content_type, str(pk), f"项目{pk}", "create", None, "system", "", writer.db_now, None,
         f'{{"id": {pk}}}')
        for pk in ids
    ]  # fmt: skip


@pytest.mark.django_db
def test_rows_of_several_statements_are_all_inserted():
    writer = BulkWriter(actor=None)
    rows = _records(writer, MULTI_ROW + 3)

    writer.insert(ChangeRecord, COLUMNS, rows)

    records = ChangeRecord.objects.filter(pk__in=[row[0] for row in rows])
    assert records.count() == MULTI_ROW + 3
    last = records.get(pk=rows[-1][0])
    assert (last.object_repr, last.after) == (f"项目{last.pk}", {"id": last.pk})


@pytest.mark.django_db
def test_a_refused_row_raises_djangos_integrity_error():
    writer = BulkWriter(actor=None)
    rows = _records(writer, 2)

    with pytest.raises(IntegrityError), transaction.atomic():
        writer.insert(ChangeRecord, COLUMNS, [rows[0], rows[1], rows[0]])

    assert not ChangeRecord.objects.filter(pk__in=[rows[0][0], rows[1][0]]).exists()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL copies, unlogged")
def test_inserts_are_logged_while_queries_are_captured():
    writer = BulkWriter(actor=None)
    rows = _records(writer, 3)

    with CaptureQueriesContext(connection) as queries:
        writer.insert(ChangeRecord, COLUMNS, rows)

    assert any("INSERT INTO" in query["sql"] for query in queries.captured_queries)
    assert ChangeRecord.objects.filter(pk__in=[row[0] for row in rows]).count() == 3
