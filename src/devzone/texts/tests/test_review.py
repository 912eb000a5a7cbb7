"""Documents in, facts queued, the same figure recognised, review into the series."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from devzone.core.history import history_of
from devzone.indicators.models import Observation
from devzone.texts.models import FactStatus
from devzone.texts.services import accept_fact, ingest_document, reject_fact
from devzone.texts.tests.conftest import JINYI_A, JINYI_B, LISHUI_EN


def _fact(result, metric):
    return next(f for f in result.facts if f.metric == metric)


def test_ingest_stores_the_document_once_and_queues_its_figures(lishui):
    first = ingest_document(LISHUI_EN, actor=None, filename="lishui.txt")
    again = ingest_document(LISHUI_EN.encode(), actor=None)

    assert first.created and not again.created
    assert again.document.pk == first.document.pk
    document = first.document
    assert (document.published, document.published_source) == (dt.date(2024, 7, 20), "page")
    gdp = _fact(first, "gdp")
    assert gdp.status == FactStatus.PENDING and gdp.region == lishui
    assert document.text[gdp.span_start : gdp.span_end] == gdp.source_text
    assert gdp.change_value == Decimal("6.9") and gdp.period_label == "2024H1"


def test_a_publication_date_from_the_user_wins(lishui):
    result = ingest_document(LISHUI_EN, actor=None, published=dt.date(2024, 8, 1))

    assert result.document.published_source == "user"


def test_the_same_figure_from_two_documents_is_queued_once(jinyi_ftz):
    first = ingest_document(JINYI_A, actor=None)
    second = ingest_document(JINYI_B, actor=None)

    original, repeat = _fact(first, "import_export"), _fact(second, "import_export")
    assert original.status == FactStatus.PENDING
    assert repeat.status == FactStatus.DUPLICATE and repeat.duplicate_of == original
    assert second.duplicates >= 1


def test_accepting_with_edits_writes_the_series_and_keeps_the_link(jinyi_ftz, admin_user):
    fact = _fact(ingest_document(JINYI_A, actor=None), "import_export")
    assert fact.zone == jinyi_ftz

    accept_fact(fact, actor=admin_user, edits={"value": "160860000000", "qualifier": ""})

    fact.refresh_from_db()
    observation = fact.observation
    assert fact.status == FactStatus.ACCEPTED and fact.reviewed_by == admin_user
    assert (observation.zone, observation.indicator.key) == (jinyi_ftz, "import_export")
    assert (observation.value, observation.unit, observation.yoy) == (
        Decimal("160860000000"), "CNY", Decimal("39.9"),
    )  # fmt: skip
    assert (observation.period_start, observation.period_end) == (
        dt.date(2021, 1, 1), dt.date(2021, 12, 31),
    )  # fmt: skip
    assert observation.source_document == fact.document and fact in observation.facts.all()
    assert history_of(fact).first().actor == admin_user


def test_a_growth_only_figure_completes_the_series_with_its_rate(lishui, admin_user):
    fact = _fact(ingest_document(LISHUI_EN, actor=None), "gdp")

    accept_fact(fact, actor=admin_user, edits={})

    observation = Observation.objects.get(region=lishui, indicator__key="gdp")
    assert observation.value is None and observation.yoy == Decimal("6.9")
    assert observation.cumulative is True and observation.granularity == "half"


def test_accepting_needs_a_subject(lishui, admin_user):
    fact = _fact(ingest_document(LISHUI_EN, actor=None), "gdp")

    with pytest.raises(ValidationError) as caught:
        accept_fact(fact, actor=admin_user, edits={"region": None})

    assert "region" in caught.value.message_dict
    fact.refresh_from_db()
    assert fact.status == FactStatus.PENDING


def test_reject_keeps_the_reason(lishui, admin_user):
    fact = _fact(ingest_document(LISHUI_EN, actor=None), "gdp")

    reject_fact(fact, actor=admin_user, reason="already in the bulletin")

    fact.refresh_from_db()
    assert (fact.status, fact.review_note) == (FactStatus.REJECTED, "already in the bulletin")


def test_viewers_and_leaders_cannot_review(lishui, viewer, leader_jinhua):
    fact = _fact(ingest_document(LISHUI_EN, actor=None), "gdp")

    for user in (viewer, leader_jinhua):
        with pytest.raises(PermissionDenied):
            accept_fact(fact, actor=user, edits={})
        with pytest.raises(PermissionDenied):
            reject_fact(fact, actor=user)


def test_staff_review_only_their_own_zones(jinyi_ftz, staff_b, staff_a):
    fact = _fact(ingest_document(JINYI_A, actor=None), "import_export")

    with pytest.raises(PermissionDenied):
        accept_fact(fact, actor=staff_b, edits={})
    with pytest.raises(PermissionDenied):  # zone_a is in Jinhua, but jinyi-ftz is not hers
        accept_fact(fact, actor=staff_a, edits={})


def test_staff_of_another_place_can_neither_accept_nor_reject_a_regions_figure(lishui, staff_b):
    fact = _fact(ingest_document(LISHUI_EN, actor=None), "gdp")

    with pytest.raises(PermissionDenied):
        accept_fact(fact, actor=staff_b, edits={})
    with pytest.raises(PermissionDenied):
        reject_fact(fact, actor=staff_b, reason="not ours")

    fact.refresh_from_db()
    assert fact.status == FactStatus.PENDING


UNPLACED = "发布日期:2024-03-01\n某地今年新签约项目12个。\n"


def test_a_figure_not_placed_yet_is_reviewed_where_its_document_came_from(
    db, staff_a, staff_b, admin_user
):
    from devzone.accounts.services import create_user
    from devzone.texts.models import Fact
    from devzone.texts.services import fact_scope_q

    colleague = create_user(
        "staff_a2",
        "Zone-office-2024!",
        actor=None,
        role="staff",
        zones=list(staff_a.membership.zones.all()),
    )
    result = ingest_document(UNPLACED, actor=staff_a)
    fact = next(f for f in result.facts if not (f.region_id or f.zone_id or f.project_id))

    with pytest.raises(PermissionDenied):
        reject_fact(fact, actor=staff_b)  # another city's staff
    assert not Fact.objects.filter(fact_scope_q(staff_b), pk=fact.pk).exists()
    for user in (staff_a, colleague, admin_user):
        assert Fact.objects.filter(fact_scope_q(user), pk=fact.pk).exists()
    reject_fact(fact, actor=colleague, reason="not ours")
    fact.refresh_from_db()
    assert fact.status == FactStatus.REJECTED


@pytest.mark.parametrize("day", [dt.date(2099, 1, 1), dt.date(1, 1, 1)])
def test_a_document_cannot_be_published_in_the_future_or_in_year_one(lishui, day):
    with pytest.raises(ValidationError) as error:
        ingest_document(LISHUI_EN, actor=None, published=day)
    assert "published" in error.value.message_dict


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        ({"metric": "<script>x</script>"}, "metric"),
        ({"metric": "a/b"}, "metric"),
        ({"unit": "bananas"}, "unit"),
        ({"period_start": dt.date(2021, 12, 31), "period_end": dt.date(2021, 1, 1)}, "period_end"),
        ({"period_end": dt.date(2203, 1, 1)}, "period_end"),
        ({"change_kind": "", "change_value": "5"}, "change_kind"),
        ({"period_start": "2024-13-01"}, "period_start"),
        ({"period_cumulative": "yes"}, "period_cumulative"),
        ({"modality": "wish"}, "modality"),
        ({"modality": "target"}, "modality"),  # a target does not go into a series
    ],
)
def test_a_reviewers_edits_must_still_make_a_figure(jinyi_ftz, admin_user, edits, field):
    from devzone.indicators.models import Indicator

    fact = _fact(ingest_document(JINYI_A, actor=None), "import_export")
    indicators = Indicator.objects.count()

    with pytest.raises(ValidationError) as error:
        accept_fact(fact, actor=admin_user, edits=edits)

    assert field in error.value.message_dict
    assert Indicator.objects.count() == indicators
    assert not Observation.objects.exists()


def test_an_accepted_figure_keeps_its_place_in_the_series(jinyi_ftz, admin_user):
    fact = _fact(ingest_document(JINYI_A, actor=None), "import_export")
    accept_fact(fact, actor=admin_user, edits={})

    with pytest.raises(ValidationError):
        accept_fact(fact, actor=admin_user, edits={"period_end": dt.date(2021, 6, 30)})
    fact.refresh_from_db()
    accept_fact(fact, actor=admin_user, edits={"value": "160870000000"})  # a value: same point

    assert Observation.objects.count() == 1
    assert Observation.objects.get().value == Decimal("160870000000")


def test_a_target_is_not_accepted_into_a_series_until_marked_a_result(jinyi_ftz, admin_user):
    fact = _fact(ingest_document(JINYI_A, actor=None), "import_export")
    fact.modality = "target"
    fact.save()

    with pytest.raises(ValidationError) as refused:
        accept_fact(fact, actor=admin_user, edits={})
    assert "modality" in refused.value.message_dict
    assert not Observation.objects.exists()

    accept_fact(fact, actor=admin_user, edits={"modality": "actual"})
    assert Observation.objects.get().value == Decimal("160860000000")


def test_a_figure_that_would_overwrite_another_in_its_series_needs_confirming(
    jinyi_ftz, admin_user
):
    from devzone.indicators.catalogue import ensure_indicator
    from devzone.indicators.services import Figure, record_observation

    record_observation(
        subject=jinyi_ftz, indicator=ensure_indicator("import_export"),
        start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31),
        figure=Figure(value=Decimal("150000000000"), unit="CNY", yoy=None),
        granularity="year", source="统计公报", actor=None,
    )  # fmt: skip
    fact = _fact(ingest_document(JINYI_A, actor=None), "import_export")

    with pytest.raises(ValidationError) as refused:
        accept_fact(fact, actor=admin_user, edits={"qualifier": ""})
    assert "replace" in refused.value.message_dict
    assert Observation.objects.get().value == Decimal("150000000000")

    accept_fact(fact, actor=admin_user, edits={"qualifier": ""}, replace=True)
    assert Observation.objects.get().value == Decimal("160860000000")
