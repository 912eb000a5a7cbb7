"""Model-field validators that turn the code checks of :mod:`devzone.core.codes` into
translated ValidationErrors."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def validate_credit_code_field(value: str) -> None:
    from devzone.core import codes

    try:
        canonical = codes.validate_credit_code(value)
    except codes.CodeError as exc:
        raise ValidationError(credit_code_problem(exc), code="invalid_credit_code") from exc
    if canonical != value:
        raise ValidationError(
            _("Write the credit code as %(canonical)s."),
            code="credit_code_not_canonical",
            params={"canonical": canonical},
        )


def validate_industry_code_field(value: str) -> None:
    from devzone.core import codes

    try:
        codes.validate_industry_code(value)
    except codes.CodeError as exc:
        raise ValidationError(
            _("%(value)s is not a GB/T 4754 industry code."),
            code="invalid_industry_code",
            params={"value": value},
        ) from exc


def credit_code_problem(error: Any) -> str:
    """Why a credit code (a :class:`devzone.core.codes.CodeError`) was refused, in the user's
    language: the code checks explain in English."""
    from devzone.core.codes import CodeErrorCode

    text = error.text
    if error.code == CodeErrorCode.LENGTH:
        return (
            gettext("A unified social credit code has 18 characters; “%s” has another number.")
            % text
        )
    if error.code == CodeErrorCode.CHECK_DIGIT:
        return (
            gettext(
                "The check character (the 18th) of “%s” does not match the others: a character is "
                "mistyped."
            )
            % text
        )
    if error.code == CodeErrorCode.CHARSET:
        return (
            gettext(
                "“%s” holds characters a credit code does not use (only digits and capital "
                "letters, without I, O, S, V and Z)."
            )
            % text
        )
    return gettext("“%s” is not a unified social credit code.") % text
