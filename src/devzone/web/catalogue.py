"""Keep the zh_Hans catalogue complete and compiled.

Chinese is the users' language, so a message left in English is a bug. :func:`check_catalogue`
reads ``django.po`` with a small parser (no dependency: gettext's own tools are not always
installed where the tests run) and reports every message that is untranslated or fuzzy, and
every difference between the ``.po`` and the compiled ``.mo`` that Django actually loads.
``scripts/check_messages.py`` (``make check``) and a test both call it.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
CATALOGUE = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
CONTEXT_SEPARATOR = "\x04"  # how gettext joins msgctxt and msgid in a compiled catalogue

_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
_ESCAPE = re.compile(r"\\(.)")
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'^"(.*)"\s*$')


@dataclass
class Entry:
    """One message of a .po file."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        """The msgid as a compiled catalogue keys it (with the context in front, if any)."""
        if self.msgctxt is None:
            return self.msgid
        return f"{self.msgctxt}{CONTEXT_SEPARATOR}{self.msgid}"

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    def describe(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt is not None else ""
        return f"line {self.line}: {self.msgid!r}{context}"


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match.group(1), match.group(1)), text)


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file, obsolete (``#~``) entries left out."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int | None] | None = None  # which string a continuation line extends
    has_msgid = False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        keyword = _KEYWORD.match(line)
        # A comment, msgctxt or msgid after a msgid opens the next entry.
        opens_entry = line.startswith("#") or (keyword and keyword.group(1) in ("msgctxt", "msgid"))
        if opens_entry and has_msgid:
            entries.append(current)
            current, target, has_msgid = Entry(), None, False
        if line.startswith("#"):
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif keyword:
            current.line = current.line or number
            target = _store(current, keyword.group(1), _unescape(keyword.group(2)))
            has_msgid = has_msgid or keyword.group(1) == "msgid"
        elif (continuation := _CONTINUATION.match(line)) and target is not None:
            _append(current, target, _unescape(continuation.group(1)))
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    if has_msgid:
        entries.append(current)
    return entries


def _store(entry: Entry, name: str, value: str) -> tuple[str, int | None]:
    if name.startswith("msgstr"):
        index = int(name[7:-1]) if "[" in name else 0
        entry.msgstr[index] = value
        return ("msgstr", index)
    setattr(entry, name, value)
    return (name, None)


def _append(entry: Entry, target: tuple[str, int | None], value: str) -> None:
    name, index = target
    if name == "msgstr":
        assert index is not None
        entry.msgstr[index] += value
    else:
        setattr(entry, name, (getattr(entry, name) or "") + value)


def untranslated(entries: list[Entry]) -> list[str]:
    """Messages with an empty translation or marked fuzzy (gettext would ignore them)."""
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.describe()}")
        elif not entry.is_header and not entry.is_translated:
            problems.append(f"untranslated: {entry.describe()}")
    return problems


def expected_catalogue(entries: list[Entry]) -> dict[object, str]:
    """What a compiled .mo must hold: every translated, non-fuzzy message."""
    catalogue: dict[object, str] = {}
    for entry in entries:
        if entry.is_header or "fuzzy" in entry.flags or not entry.is_translated:
            continue
        if entry.msgid_plural is None:
            catalogue[entry.key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                catalogue[(entry.key, index)] = text
    return catalogue


def compiled_catalogue(mo_path: Path) -> dict[object, str]:
    with mo_path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    # _catalog is the only way the standard library exposes every message of a .mo file.
    catalogue = dict(translations._catalog)  # type: ignore[attr-defined]
    catalogue.pop("", None)  # the header
    return catalogue


def stale(entries: list[Entry], mo_path: Path) -> list[str]:
    """Differences between the .po and its compiled .mo (run ``make messages`` to fix)."""
    if not mo_path.is_file():
        return [f"missing: {mo_path} (compile the catalogue)"]
    expected, compiled = expected_catalogue(entries), compiled_catalogue(mo_path)
    problems = []
    for key in sorted(expected.keys() | compiled.keys(), key=repr):
        if key not in compiled:
            problems.append(f"not compiled: {key!r}")
        elif key not in expected:
            problems.append(f"only in the .mo: {key!r}")
        elif compiled[key] != expected[key]:
            problems.append(f"compiled translation differs: {key!r}")
    return problems


def check_catalogue(po_path: Path = CATALOGUE) -> list[str]:
    """Every problem of the catalogue at ``po_path`` and its .mo beside it; empty when sound."""
    if not po_path.is_file():
        return [f"missing: {po_path}"]
    entries = parse_po(po_path.read_text(encoding="utf-8"))
    return untranslated(entries) + stale(entries, po_path.with_suffix(".mo"))


# The names ``makemessages`` (xgettext) extracts messages from; a translation function imported
# under any other name ("gettext_lazy as _lazy") leaves its messages out of the catalogue.
EXTRACTED_NAMES = frozenset(
    {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext"}
    | {"pgettext_lazy", "npgettext", "npgettext_lazy", "dgettext", "dngettext"}
)


def unextracted_aliases(root: Path = LOCALE_DIR.parent) -> list[str]:
    """Messages ``makemessages`` cannot see: a translation function imported under a name it
    does not read ("gettext_lazy as _lazy"), or called inside an f-string (xgettext does not
    look into f-string expressions)."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(root.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                problems += [
                    f"not extracted: {where}:{call.lineno} calls {call.func.id} in an f-string"
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in EXTRACTED_NAMES
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ]
            if not isinstance(node, ast.ImportFrom) or node.module != "django.utils.translation":
                continue
            for name in node.names:
                if name.asname and name.asname not in EXTRACTED_NAMES:
                    problems.append(f"not extracted: {where} imports {name.name} as {name.asname}")
    return problems
