from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _looks_national(value: str) -> bool:
    return value.count("-") == 4 and value.replace("-", "").isdigit()


def canonical_project_code(value: str) -> str:
    """A national code in its half-width form (２３０１-… → 2301-…); a local number trimmed.

    Used before the uniqueness check, so the same code typed two ways is one code.
    """
    from devzone.core import codes

    try:
        if _looks_national(value):
            return codes.validate_project_code(value)
        return codes.validate_local_project_number(value)
    except codes.CodeError:
        return value  # the field's validator names the problem


def validate_project_code_field(value: str) -> None:
    """A national code must have the national shape; anything else is a local number."""
    from devzone.core import codes

    if not value:
        return
    try:
        if _looks_national(value):
            codes.validate_project_code(value)
        else:
            codes.validate_local_project_number(value)
    except codes.CodeError as exc:
        raise ValidationError(
            _("%(value)s is not a valid project code: %(reason)s"),
            code="invalid_project_code",
            params={"value": value, "reason": project_code_problem(exc)},
        ) from exc


def project_code_problem(error: Any) -> str:
    """Why a project code (a :class:`devzone.core.codes.CodeError`) was refused, in the
    user's language: the code checks explain in English."""
    from devzone.core.codes import PROJECT_CODE_EXAMPLE, CodeErrorCode

    if error.code == CodeErrorCode.LENGTH:
        return gettext("a project number has at most 64 characters.")
    if error.code == CodeErrorCode.CHARSET:
        return gettext("a project number cannot hold invisible characters.")
    if "YYMM" in str(error):
        return gettext("a national code starts with the year and month it was issued (YYMM).")
    return gettext("a national project code looks like %(example)s.") % {
        "example": PROJECT_CODE_EXAMPLE
    }
