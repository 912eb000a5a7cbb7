"""The demo ledger reproduces the published figures exactly; loading it again changes nothing."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db.models import F, Sum

from devzone.demo.ledger import DEMO_AS_OF
from devzone.demo.sources import DOCUMENTS
from devzone.projects.choices import MilestoneKind, ProblemStatus, Status
from devzone.projects.models import InvestmentReport, Meeting, Milestone, Project, PromotionGroup

pytestmark = pytest.mark.usefixtures("demo", "db")

JAN_1, SEP_30, DEC_31 = dt.date(2023, 1, 1), dt.date(2023, 9, 30), dt.date(2023, 12, 31)
BILLION = Decimal(10**9)


def zhaoqing():
    return Project.objects.filter(zone__region__code__startswith="4412")


def total(projects) -> Decimal:
    return projects.aggregate(total=Sum("planned_investment"))["total"]


def zhaoqing_2023():
    return zhaoqing().filter(kind="manufacturing").signed_between(JAN_1, DEC_31)


def test_zhaoqing_introduced_310_manufacturing_projects_for_68_9_bn_in_2023():
    projects = zhaoqing_2023()

    assert projects.count() == 310
    assert total(projects) == Decimal("68900000000")
    assert projects.filter(planned_investment__gt=BILLION).count() == 20
    assert projects.filter(planned_investment__gte=BILLION).count() == 20


def test_zhaoqing_starts_completions_and_productions_of_january_to_september_2023():
    def reached(kind: str) -> int:
        return Milestone.objects.filter(
            project__in=zhaoqing(), kind=kind, actual_date__range=(JAN_1, SEP_30)
        ).count()

    assert reached(MilestoneKind.CONSTRUCTION_STARTED) == 116
    assert reached(MilestoneKind.COMPLETED) == 110
    assert reached(MilestoneKind.IN_PRODUCTION) == 91


def test_every_milestone_reached_follows_the_ones_before_it():
    dates: dict[int, dict[str, dt.date]] = {}
    for project_id, kind, actual in Milestone.objects.filter(actual_date__isnull=False).values_list(
        "project_id", "kind", "actual_date"
    ):
        dates.setdefault(project_id, {})[kind] = actual
    order = ["signed", "construction_started", "completed", "in_production"]

    for reached in dates.values():
        steps = [reached[kind] for kind in order if kind in reached]
        assert steps == sorted(steps)
        present = [kind in reached for kind in order[1:]]
        assert present == sorted(present, reverse=True), reached  # no gaps: done ⇒ started
        assert max(reached.values()) <= DEMO_AS_OF


def test_zhaoqing_reported_31_66_bn_from_january_to_september_2023():
    reports = InvestmentReport.objects.filter(
        project__zone__region__code__startswith="4412", month__range=(JAN_1, SEP_30)
    )

    assert reports.aggregate(total=Sum("amount"))["total"] == Decimal("31660000000")


def test_no_project_reports_more_than_it_plans_to_invest():
    over = Project.objects.with_totals(DEMO_AS_OF).filter(
        invested_total__gt=F("planned_investment")
    )

    assert not over.exists()


def test_the_cluster_starting_area_has_71_of_them_for_30_31_bn():
    starting_area = zhaoqing_2023().filter(zone__slug="zq-cluster-start")

    assert starting_area.count() == 71
    assert total(starting_area) == Decimal("30310000000")
    assert not starting_area.filter(planned_investment__lt=Decimal(10**8)).exists()


def test_jinhua_development_zone_signed_20_projects_for_19_545_bn_in_h1_2023():
    jdz = Project.objects.filter(zone__slug__in=["jdz", "jdz-nev-town"]).signed_between(
        JAN_1, dt.date(2023, 6, 30)
    )
    nev = jdz.filter(industry__code__in=["C36", "C38"])

    assert jdz.count() == 20
    assert total(jdz) == Decimal("19545000000")
    assert nev.count() == 11
    assert total(nev) == Decimal("5250000000")


def test_konka_took_15_days_from_approval_to_land():
    konka = Project.objects.get(name="康佳（金华）新能源电池产业基地项目")
    dates = dict(konka.milestones.values_list("kind", "actual_date"))

    assert konka.planned_investment == 10 * BILLION
    assert dates["signed"].year == 2022
    assert (dates["land_supplied"] - dates["approved"]).days == 15
    assert konka.investors.get().short_name == "康佳"


def test_nwtn_has_a_13_department_group_that_meets_weekly_after_27_october():
    group = PromotionGroup.objects.get(name="NWTN项目专班")
    meetings = list(group.meetings.order_by("held_on").values_list("held_on", flat=True))
    project = group.projects.get()

    assert group.departments.count() == 13
    assert {"区发展和改革局", "区投资促进中心", "区招商服务公司"} <= set(
        group.departments.values_list("name", flat=True)
    )
    assert project.planned_investment == 10 * BILLION
    assert meetings[0] == dt.date(2022, 10, 27)
    assert {(later - earlier).days for earlier, later in itertools.pairwise(meetings)} == {7}


def test_nwtn_problem_list_has_resolved_and_overdue_items():
    problems = list(Project.objects.get(name__startswith="NWTN").problems.all())

    assert any(problem.status == ProblemStatus.RESOLVED for problem in problems)
    assert any(problem.is_overdue for problem in problems)
    assert all(problem.owner_department_id for problem in problems)


def test_lishui_kolen_and_the_two_baiqiao_projects():
    kolen = Project.objects.get(name="科伦药业高端制剂及健康食品项目")
    baiqiao = Project.objects.filter(zone__slug="liandu-baiqiao")
    signed = kolen.milestones.get(kind="signed").actual_date

    assert kolen.planned_investment == 2 * BILLION
    assert kolen.zone.region.code == "331181"
    assert (signed.year, signed.month) == (2024, 7)
    assert baiqiao.count() == 2
    assert total(baiqiao) == Decimal("2950000000")
    assert not baiqiao.filter(planned_investment__lte=BILLION).exists()


def test_every_project_cites_a_document_and_generated_ones_say_so():
    document_ids = [document.id for document in DOCUMENTS]

    for project in Project.objects.all():
        assert any(doc_id in project.source for doc_id in document_ids), project.name
        if project.is_generated:
            assert project.source.startswith(("Generated", "Planned investment generated"))
    assert Project.objects.filter(is_generated=False).count() == 3  # Konka, NWTN, Kolen


def test_some_projects_are_stalled_and_some_delayed_as_of_the_demo_date():
    statuses = set(Project.objects.with_status(DEMO_AS_OF).values_list("status", flat=True))

    assert {Status.STALLED, Status.DELAYED, Status.ON_SCHEDULE} <= statuses


def test_every_generated_record_has_its_creation_in_the_history():
    from django.contrib.contenttypes.models import ContentType

    from devzone.core.models import ChangeRecord

    for model in (Project, Milestone, InvestmentReport):
        created = ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model), action="create"
        )
        assert created.count() == model.objects.count()


def test_leads_court_the_chain_gaps_with_their_stage_history(settings):
    from devzone.leads.choices import LeadEventKind, LeadStage
    from devzone.leads.models import Lead

    leads = Lead.objects.select_related("enterprise", "zone")
    by_firm = {lead.enterprise.legal_name: lead for lead in leads}
    hu_guang = by_firm["昆山沪光汽车电器股份有限公司"]
    assert hu_guang.stage == LeadStage.VISITED
    assert [link.name for link in hu_guang.links.all()] == ["线束"]
    moves = hu_guang.events.filter(kind=LeadEventKind.STAGE_CHANGED).order_by("pk")
    assert [(e.from_stage, e.to_stage) for e in moves] == [
        (LeadStage.IDENTIFIED, LeadStage.CONTACTED),
        (LeadStage.CONTACTED, LeadStage.VISITED),
    ]
    assert by_firm["山东玲珑轮胎股份有限公司"].stage == LeadStage.DROPPED

    settings.DEVZONE_AS_OF = DEMO_AS_OF.isoformat()
    stale = {lead.enterprise.short_name for lead in Lead.objects.stale()}
    assert stale == {"赛轮轮胎", "保隆科技"}  # next actions due 10 and 20 September 2024


def test_loading_again_changes_nothing():
    from devzone.core.models import ChangeRecord
    from devzone.demo.loader import load_demo
    from devzone.leads.models import Lead

    models = [Project, Milestone, InvestmentReport, Meeting, Lead, ChangeRecord]
    before = [model.objects.count() for model in models]

    summary = load_demo()

    assert not summary.changed
    assert [model.objects.count() for model in models] == before
