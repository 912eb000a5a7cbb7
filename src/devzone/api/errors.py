"""One error shape for every failure, so clients handle them all the same way.

401, 403 and 404 answer ``{"detail": "<message>"}``; every validation failure — a request that
does not parse, a unit or code that does not read, a service refusing a value — answers 422
``{"detail": [{"field": "<name>", "message": "<why>"}]}`` naming each field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as RequestValidationError

from devzone.api.types import unit_error_message
from devzone.core.codes import CodeError
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


def _message_of(error: dict[str, Any]) -> str:
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

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("Sign in, or send an API token as “Authorization: Bearer <token>”.")
        return api.create_response(request, {"detail": message}, status=401)
