"""The demo's sign-ins: an administrator and three users with the scopes of real work.

All share the documented demo password. Running the demo again resets the administrator's
password (so the printed sign-in always works) and leaves everything else alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_noop

from devzone.accounts.choices import Role
from devzone.accounts.services import create_user
from devzone.core.history import save_with_history
from devzone.regions.models import Region, Zone

DEMO_PASSWORD = "devzone-demo"
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    description: str
    zones: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


DEMO_USERS = [
    DemoUser(ADMIN_USERNAME, Role.ADMIN, gettext_noop("administrator: sees and edits everything")),
    DemoUser(
        "jinhua",
        Role.STAFF,
        gettext_noop("staff of the Jinhua Development Zone and its NEV town"),
        zones=("jdz", "jdz-nev-town"),
    ),
    DemoUser(
        "zhaoqing",
        Role.STAFF,
        gettext_noop("staff for every zone in Zhaoqing"),
        regions=("441200",),
    ),
    DemoUser(
        "leader",
        Role.LEADER,
        gettext_noop("a Jinhua city leader: reads every Jinhua zone"),
        regions=("330700",),
    ),
]


def ensure_users() -> tuple[list[DemoUser], int]:
    """Create the demo users that are missing, reset the administrator's password."""
    User = get_user_model()
    existing = set(
        User.objects.filter(username__in=[u.username for u in DEMO_USERS]).values_list(
            "username", flat=True
        )
    )
    created = 0
    for spec in DEMO_USERS:
        if spec.username in existing:
            continue
        create_user(
            spec.username,
            DEMO_PASSWORD,
            actor=None,
            role=spec.role,
            zones=Zone.objects.filter(slug__in=spec.zones),
            regions=Region.objects.filter(code__in=spec.regions),
        )
        created += 1
    admin = User.objects.get(username=ADMIN_USERNAME)
    if not admin.check_password(DEMO_PASSWORD):
        admin.set_password(DEMO_PASSWORD)
        save_with_history(admin, actor=None)
    return DEMO_USERS, created
