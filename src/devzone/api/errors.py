"""One error shape for every failure, so clients handle them all the same way.

401, 403 and 404 answer ``{"detail": "<message>"}``; every validation failure — a request that
does not parse, a unit or code that does not read, a service refusing a value — answers 422
``{"detail": [{"field": "<name>", "message": "<why>"}]}`` naming each field.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from devzone.api.types import unit_error_message
from devzone.core.codes import CodeError
from devzone.core.names import joined
from devzone.core.units import UnitError


class Message(Schema):
    detail: str


class FieldError(Schema):
    field: str | None
    message: str


class FieldErrors(Schema):
    detail: list[FieldError]


# The error answers of an operation, for its OpenAPI description.
READ_ERRORS: dict[int, type[Schema]] = {401: Message, 404: Message, 422: FieldErrors}
WRITE_ERRORS: dict[int, type[Schema]] = {**READ_ERRORS, 403: Message}

# Where ninja puts a parameter; the rest of an error's location is the field path.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
_PYDANTIC_PREFIXES = ("Value error, ", "Assertion failed, ")


def field_errors(field: str | None, *messages: Any) -> list[dict[str, Any]]:
    return [{"field": field, "message": str(message)} for message in messages]


def _field_of(location: tuple | list, body_params: set[str]) -> str | None:
    parts = list(location)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts and parts[0] in body_params:
            parts.pop(0)
    return ".".join(str(part) for part in parts) or None


# pydantic's messages are English only: the common ones, by error type, in the user's language.
_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("Unknown field: see the API documentation for the fields."),
    "string_type": gettext_lazy("Give text."),
    "int_type": gettext_lazy("Give a whole number."),
    "int_parsing": gettext_lazy("Give a whole number."),
    "int_from_float": gettext_lazy("Give a whole number."),
    "float_type": gettext_lazy("Give a number."),
    "float_parsing": gettext_lazy("Give a number."),
    "bool_type": gettext_lazy("Give true or false."),
    "bool_parsing": gettext_lazy("Give true or false."),
    "greater_than": gettext_lazy("Give a number greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Give a number of at least %(ge)s."),
    "less_than": gettext_lazy("Give a number less than %(lt)s."),
    "less_than_equal": gettext_lazy("Give a number of at most %(le)s."),
    "enum": gettext_lazy("Give one of: %(expected)s."),
    "literal_error": gettext_lazy("Give one of: %(expected)s."),
    "date_type": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Give a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Give a date as YYYY-MM-DD."),
    "datetime_type": gettext_lazy("Give a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_parsing": gettext_lazy("Give a date and time as YYYY-MM-DDTHH:MM."),
    "datetime_from_date_parsing": gettext_lazy("Give a date and time as YYYY-MM-DDTHH:MM."),
    "list_type": gettext_lazy("Give a list."),
    "dict_type": gettext_lazy("Give an object."),
    "model_type": gettext_lazy("Give an object."),
    "model_attributes_type": gettext_lazy("Give an object."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
    "json_type": gettext_lazy("The request body is not valid JSON."),
}


# Messages whose wording depends on a count, and the context key that holds the count.
_COUNTED_MESSAGES = {
    "string_too_short": (
        ngettext_lazy(
            "Give at least %(count)s character.", "Give at least %(count)s characters.", "count"
        ),
        "min_length",
    ),
    "string_too_long": (
        ngettext_lazy(
            "Give at most %(count)s character.", "Give at most %(count)s characters.", "count"
        ),
        "max_length",
    ),
    "too_short": (
        ngettext_lazy("Give at least %(count)s item.", "Give at least %(count)s items.", "count"),
        "min_length",
    ),
    "too_long": (
        ngettext_lazy("Give at most %(count)s item.", "Give at most %(count)s items.", "count"),
        "max_length",
    ),
}
_CHOICES = re.compile(r"'([^']*)'")


def _message_of(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in _COUNTED_MESSAGES and isinstance(context.get(_COUNTED_MESSAGES[kind][1]), int):
        counted, key = _COUNTED_MESSAGES[kind]
        return str(counted % {"count": context[key]})
    if kind in ("enum", "literal_error") and "expected" in context:
        choices = _CHOICES.findall(str(context["expected"])) or [str(context["expected"])]
        return _("Give one of: %(expected)s.") % {"expected": joined(choices)}
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is not None:
        try:
            return str(template) % {k: v for k, v in (error.get("ctx") or {}).items()}
        except (KeyError, TypeError, ValueError):
            pass  # a context this message does not expect: pydantic's own words
    message = str(error.get("msg", ""))
    for prefix in _PYDANTIC_PREFIXES:
        message = message.removeprefix(prefix)
    return message


def _unprocessable(api: NinjaAPI, request: HttpRequest, errors: list[dict]) -> HttpResponse:
    return api.create_response(request, {"detail": errors}, status=422)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(RequestValidationError)
    def request_invalid(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        errors = [
            {"field": _field_of(error.get("loc", ()), {"payload"}), "message": _message_of(error)}
            for error in exc.errors
        ]
        return _unprocessable(api, request, errors)

    @api.exception_handler(DjangoValidationError)
    def record_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if not hasattr(exc, "error_dict"):
            return _unprocessable(api, request, field_errors(None, *exc.messages))
        errors = []
        for field, messages in exc.message_dict.items():
            errors += field_errors(None if field == NON_FIELD_ERRORS else field, *messages)
        return _unprocessable(api, request, errors)

    @api.exception_handler(UnitError)
    def figure_invalid(request: HttpRequest, exc: UnitError) -> HttpResponse:
        return _unprocessable(api, request, field_errors(None, unit_error_message(exc)))

    @api.exception_handler(CodeError)
    def code_invalid(request: HttpRequest, exc: CodeError) -> HttpResponse:
        return _unprocessable(api, request, field_errors(None, exc))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("You may not do this.")
        return api.create_response(request, {"detail": message}, status=403)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        """ninja's own refusals, in the user's language and the usual shapes."""
        if exc.message.startswith("Cannot parse request body"):
            errors = field_errors(None, _("The request body is not valid JSON."))
            return _unprocessable(api, request, errors)
        if exc.message == "CSRF check Failed":
            message = _("The form's security token is missing or stale: reload the page.")
            return api.create_response(request, {"detail": message}, status=403)
        return api.create_response(request, {"detail": exc.message}, status=exc.status_code)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("Sign in, or send an API token as “Authorization: Bearer <token>”.")
        return api.create_response(request, {"detail": message}, status=401)
