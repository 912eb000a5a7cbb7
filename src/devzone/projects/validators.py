from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_project_code_field(value: str) -> None:
    """A national code must have the national shape; anything else is a local number."""
    from devzone.core import codes

    if not value:
        return
    looks_national = value.count("-") == 4 and value.replace("-", "").isdigit()
    try:
        if looks_national:
            codes.validate_project_code(value)
        else:
            codes.validate_local_project_number(value)
    except codes.CodeError as exc:
        raise ValidationError(
            _("%(value)s is not a valid project code: %(reason)s"),
            code="invalid_project_code",
            params={"value": value, "reason": str(exc)},
        ) from exc
