"""Accounts: users, their roles and scopes, and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from devzone.accounts.choices import Role
from devzone.accounts.models import ApiToken, Membership
from devzone.accounts.scope import require_admin
from devzone.core.history import save_with_history


@transaction.atomic
def create_user(
    username: str,
    password: str,
    *,
    actor: Any,
    role: str = Role.VIEWER,
    zones: Iterable[Any] = (),
    regions: Iterable[Any] = (),
    email: str = "",
    check_password: bool = True,
) -> Any:
    """Create a user with a role and a scope. The password is checked by Django's validators."""
    require_admin(actor)
    User = get_user_model()
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s.") % {"role": role}})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("A user with that name already exists.")})
    user = User(username=username, email=email, is_staff=role == Role.ADMIN)
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    user.is_superuser = role == Role.ADMIN
    save_with_history(user, actor=actor)
    membership = Membership(user=user, role=role)
    save_with_history(membership, actor=actor, m2m={"zones": list(zones), "regions": list(regions)})
    return user


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(user: Any, *, actor: Any, name: str = "api") -> str:
    """Create an API token and return the key; it is shown once and stored only as a hash."""
    if actor is not None and actor != user:
        require_admin(actor)
    key = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, key_hash=_hash(key))
    save_with_history(token, actor=actor)
    return key


def user_for_token(key: str) -> Any | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at and token.expires_at < timezone.now()):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
