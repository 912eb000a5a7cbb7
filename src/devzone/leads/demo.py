"""The demo's lead pipeline: firms courted to fill the gaps of the two demo chains.

Zhaoqing's new-energy vehicle chain has no local maker of wires, tires, lighting or sensing;
Lishui's semiconductor chain has no local firm at all. The investment promotion staff court
the candidates the chain analysis proposes for those links. Which firm is courted, and how far
each lead has gone, is illustrative: the seed documents name the links, not the talks.

Leads are created and moved through the same services as the web application (so each has its
stage history), by the zone's demo staff user. Next actions are dated around the demo's as-of
day (2024-09-30): two are overdue, so the dashboard's stale-lead panel has something to show.
Loading is idempotent: a firm that already has a lead for the zone is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from devzone.chains.models import Link
from devzone.enterprises.models import Enterprise
from devzone.leads.choices import LeadStage
from devzone.leads.models import Lead
from devzone.leads.services import advance_lead, create_lead
from devzone.regions.models import Zone


@dataclass(frozen=True)
class DemoLead:
    enterprise: str  # legal name, as the chain demo loads it
    zone: str
    chain: str
    link: str
    path: tuple[str, ...]  # the stages it has moved through after "identified"
    next_action: str
    next_action_date: dt.date | None
    notes: str
    user: str


NEV = "新能源汽车产业链（肇庆）"
CHIPS = "半导体产业链（丽水）"

LEADS = [
    DemoLead(
        "昆山沪光汽车电器股份有限公司",
        "zq-hitech",
        NEV,
        "线束",
        (LeadStage.CONTACTED, LeadStage.VISITED),
        "提交用地和厂房代建方案",
        dt.date(2024, 10, 15),
        "为小鹏汽车配套线束，考察组9月中旬到访高新区，关注交付半径和厂房。",
        "zhaoqing",
    ),
    DemoLead(
        "常州星宇车灯股份有限公司",
        "zq-hitech",
        NEV,
        "车灯",
        (LeadStage.CONTACTED, LeadStage.VISITED, LeadStage.NEGOTIATING),
        "投资协议文本第二轮谈判",
        dt.date(2024, 10, 8),
        "拟设华南生产基地，正在商谈用地指标和设备补贴。",
        "zhaoqing",
    ),
    DemoLead(
        "赛轮集团股份有限公司",
        "zq-cluster",
        NEV,
        "轮胎",
        (LeadStage.CONTACTED,),
        "安排企业高层到集聚区实地考察",
        dt.date(2024, 9, 10),
        "已电话对接投资部，对方要求提供园区能耗指标。",
        "zhaoqing",
    ),
    DemoLead(
        "上海保隆汽车科技股份有限公司",
        "zq-hitech",
        NEV,
        "传感",
        (),
        "通过商会首次联系",
        dt.date(2024, 9, 20),
        "胎压监测和汽车传感器龙头，补链候选。",
        "zhaoqing",
    ),
    DemoLead(
        "山东玲珑轮胎股份有限公司",
        "zq-cluster",
        NEV,
        "轮胎",
        (LeadStage.CONTACTED, LeadStage.DROPPED),
        "",
        None,
        "企业近期无新增产能计划，暂停跟进。",
        "zhaoqing",
    ),
    DemoLead(
        "嘉兴斯达半导体股份有限公司",
        "lishui-edz",
        CHIPS,
        "功率器件",
        (LeadStage.CONTACTED, LeadStage.VISITED),
        "邀请参加半导体产业推介会",
        dt.date(2024, 10, 20),
        "车规级IGBT模块，可与本地功率器件项目形成配套。",
        "admin",
    ),
]


@transaction.atomic
def load_demo_leads() -> int:
    """Create the demo leads that are missing; returns how many were created."""
    users = {user.username: user for user in get_user_model().objects.all()}
    created = 0
    for spec in LEADS:
        enterprise = Enterprise.objects.filter(legal_name=spec.enterprise).first()
        zone = Zone.objects.filter(slug=spec.zone).first()
        link = Link.objects.filter(chain__name=spec.chain, name=spec.link).first()
        actor = users.get(spec.user)
        if None in (enterprise, zone, link, actor):
            continue  # the chains or zones demo is not loaded
        if Lead.objects.filter(enterprise=enterprise, zone=zone).exists():
            continue
        lead = create_lead(
            actor=actor,
            enterprise=enterprise,
            zone=zone,
            links=[link],
            next_action=spec.next_action,
            next_action_date=spec.next_action_date,
            notes=spec.notes,
        )
        for stage in spec.path:
            advance_lead(lead, stage, actor=actor)
        created += 1
    return created
