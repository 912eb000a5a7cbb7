"""Who is calling: a Django session (browser, with CSRF) or an API token (scripts).

The token is tried first, so a script that sends ``Authorization: Bearer <token>`` is never
asked for a CSRF token. A session is only CSRF-checked once it is known to belong to a signed-in
user, so an anonymous call gets 401 (not 403) and says what is missing.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from devzone.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token issued by ``issue_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return user_for_token(token) if token else None


class CsrfSessionAuth(SessionAuth):
    """The browser's Django session; unsafe methods must carry the CSRF token."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


API_AUTH = [TokenAuth(), CsrfSessionAuth()]
