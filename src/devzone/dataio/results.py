"""What an import reports back: counts, and every problem with its row, column and reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass
class Issue:
    """One problem, placed as the person sees it: row number and column header of the file."""

    row: int | None
    column: str
    message: str
    value: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = _("row %(row)d") % {"row": self.row} if self.row else _("the file")
        if self.column:
            where = _("%(where)s, column %(column)s") % {"where": where, "column": self.column}
        return _("%(where)s: %(message)s") % {"where": where, "message": self.message}


@dataclass
class ImportResult:
    """The outcome of an import or a dry run.

    ``errors`` reject rows; ``reviews`` are names (investors, departments, industries) that
    could not be matched with confidence and were left unlinked for a person to check;
    ``warnings`` are cells read with a caveat ("约5亿元" kept as 5亿).
    """

    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    committed: bool = False
    file_error: str = ""
    rejected_path: str = ""
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    reviews: list[Issue] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data
