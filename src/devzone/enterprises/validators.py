"""Model-field validators that turn the code checks of :mod:`devzone.core.codes` into
translated ValidationErrors."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_credit_code_field(value: str) -> None:
    from devzone.core import codes

    try:
        canonical = codes.validate_credit_code(value)
    except codes.CodeError as exc:
        from devzone.enterprises.registry_rows import credit_code_problem

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
