"""Links to pages of other apps that may not be installed yet: the nav never breaks."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def url_if_exists(name: str, *args: Any) -> str:
    """``reverse(name)``, or "" when no such page exists (the template then hides the link)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def nav_current(context: Any, prefix: str) -> str:
    """`` aria-current="page"`` on the nav link whose path starts the current path."""
    request = context.get("request")
    path = getattr(request, "path", "")
    if prefix and (path == prefix or (prefix != "/" and path.startswith(prefix))):
        return mark_safe(' aria-current="page"')  # a constant: nothing from the request
    return ""
