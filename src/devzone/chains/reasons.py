"""Why a candidate enterprise is suggested for a gap: each reason is data and readable text.

A reason carries a stable ``code`` (for scripts and tests), the ``points`` it adds to the
candidate's score, the ``params`` it was computed from, and ``text`` rendered in the active
language when read. The points are the whole ranking rule; docs/chains.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

MAKES_LINK = "makes_link"
INDUSTRY_MATCH = "industry_match"
CHAIN_LEADER = "chain_leader"
LISTED = "listed"
SCALE = "scale"
SAME_PROVINCE = "same_province"
ADJACENT_PROVINCE = "adjacent_province"
TIES = "ties"

TEXTS = {
    MAKES_LINK: _("Makes this link: %(products)s"),
    INDUSTRY_MATCH: _("Registered in industry %(industry)s, which this link covers"),
    CHAIN_LEADER: _("Leads this chain elsewhere (chain leader)"),
    LISTED: _("Listed company (%(listed_code)s)"),
    SCALE: _("Registered capital %(capital)s"),
    SAME_PROVINCE: _("In the same province (%(region)s)"),
    ADJACENT_PROVINCE: _("In a neighbouring province (%(region)s)"),
    TIES: _("Already supplies or buys from local firms' links: %(links)s"),
}

MAX_TIE_POINTS = 3
# Registered capital thresholds (yuan) and the points they earn: 1 bn, 100 m, 10 m.
SCALE_POINTS = ((Decimal(10**9), 3), (Decimal(10**8), 2), (Decimal(10**7), 1))
# Yuan per unit of the currencies registered capital comes in, rounded: only to place a
# foreign-capital firm in the scale points above (a ranking hint, never an amount shown).
INDICATIVE_YUAN = {
    "CNY": Decimal(1), "USD": Decimal(7), "HKD": Decimal("0.9"), "EUR": Decimal("7.8"),
    "GBP": Decimal(9), "JPY": Decimal("0.05"), "KRW": Decimal("0.005"), "SGD": Decimal("5.3"),
    "TWD": Decimal("0.22"),
}  # fmt: skip


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        params = self.params
        if self.code == SCALE:  # the amount in its currency, in 亿元 or billion as the reader reads
            from devzone.core.units import format_money
            from devzone.reports.numbers import language

            amount = Decimal(params["capital"])
            currency = params.get("currency", "CNY")
            params = {**params, "capital": format_money(amount, currency, language=language())}
        return str(TEXTS[self.code]) % params

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "points": self.points, "params": self.params, "text": self.text}


def scale_reason(capital: Decimal | None, currency: str = "CNY") -> Reason | None:
    rate = INDICATIVE_YUAN.get(currency or "CNY")
    if capital is None or rate is None:
        return None
    for threshold, points in SCALE_POINTS:
        if capital * rate >= threshold:
            params = {"capital": format(capital.normalize(), "f"), "currency": currency or "CNY"}
            return Reason(SCALE, points, params)
    return None
