"""A login throttle: too many failed attempts for one username or one address are refused.

Counters live in the "throttle" cache, shared by the server's worker processes (one per
username, one per client address), and expire
``LOGIN_THROTTLE_WINDOW`` seconds after the first failure. Both are kept because an attacker
either guesses many passwords for one user (caught by the username counter) or tries one
password against many users (caught by the address counter).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest


def _key(kind: str, value: str) -> str:
    # Usernames are user input: hash them so any character is a safe cache key.
    digest = hashlib.sha256(value.strip().casefold().encode()).hexdigest()
    return f"devzone:login-failures:{kind}:{digest}"


def client_address(request: HttpRequest) -> str:
    """The peer address; proxy headers are not trusted, since anyone can send them."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def _keys(username: str, address: str) -> list[str]:
    keys = [_key("address", address)]
    if username:
        keys.append(_key("username", username))
    return keys


def is_locked(username: str, address: str) -> bool:
    """True when the username or the address has used up its failed attempts."""
    limit = settings.LOGIN_THROTTLE_ATTEMPTS
    return any(caches["throttle"].get(key, 0) >= limit for key in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    window = settings.LOGIN_THROTTLE_WINDOW
    for key in _keys(username, address):
        if not caches["throttle"].add(key, 1, timeout=window):
            try:
                caches["throttle"].incr(key)
            except ValueError:  # expired between add() and incr()
                caches["throttle"].add(key, 1, timeout=window)


def record_success(username: str) -> None:
    """A successful login clears the username's count; the address keeps its count."""
    caches["throttle"].delete(_key("username", username))
