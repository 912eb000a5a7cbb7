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
    SCALE: _("Registered capital %(capital)s yuan"),
    SAME_PROVINCE: _("In the same province (%(region)s)"),
    ADJACENT_PROVINCE: _("In a neighbouring province (%(region)s)"),
    TIES: _("Already supplies or buys from local firms' links: %(links)s"),
}

MAX_TIE_POINTS = 3
# Registered capital thresholds (yuan) and the points they earn: 1 bn, 100 m, 10 m.
SCALE_POINTS = ((Decimal(10**9), 3), (Decimal(10**8), 2), (Decimal(10**7), 1))


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(TEXTS[self.code]) % self.params

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "points": self.points, "params": self.params, "text": self.text}


def scale_reason(capital: Decimal | None) -> Reason | None:
    if capital is None:
        return None
    for threshold, points in SCALE_POINTS:
        if capital >= threshold:
            return Reason(SCALE, points, {"capital": format(capital.normalize(), "f")})
    return None
