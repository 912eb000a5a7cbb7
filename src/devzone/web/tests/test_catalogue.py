"""The zh_Hans catalogue is complete and compiled (the same check as `make check`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from devzone.web.catalogue import CATALOGUE, check_catalogue, parse_po, unextracted_aliases

SAMPLE = r"""# header comment
msgid ""
msgstr ""
"Language: zh_Hans\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "Project ledger"
msgstr "项目台账"

#, python-format
msgid ""
"A long message "
"with \"quotes\""
msgstr "一条很长的"
"消息"

msgctxt "milestone"
msgid "signed"
msgstr "签约"

#, python-format
msgid "%(counter)s project"
msgid_plural "%(counter)s projects"
msgstr[0] "%(counter)s 个项目"

#, fuzzy
msgid "planned"
msgstr "计划"

msgid "stalled"
msgstr ""

#~ msgid "obsolete"
#~ msgstr "过时"
"""


def test_every_message_is_translated_and_compiled():
    problems = check_catalogue(CATALOGUE)

    assert problems == [], "run `make messages` and translate:\n" + "\n".join(problems)


def test_the_parser_reads_multiline_strings_contexts_and_plurals():
    entries = {entry.key: entry for entry in parse_po(SAMPLE)}

    assert entries['A long message with "quotes"'].msgstr == {0: "一条很长的消息"}
    assert entries["milestone\x04signed"].msgstr == {0: "签约"}
    assert entries["%(counter)s project"].msgid_plural == "%(counter)s projects"
    assert "fuzzy" in entries["planned"].flags
    assert "obsolete" not in entries
    assert len(entries) == 7  # with the header


def _catalogue_copy(tmp_path: Path) -> Path:
    po = tmp_path / "django.po"
    shutil.copy(CATALOGUE, po)
    shutil.copy(CATALOGUE.with_suffix(".mo"), po.with_suffix(".mo"))
    return po


def test_untranslated_and_fuzzy_messages_are_listed(tmp_path):
    po = _catalogue_copy(tmp_path)
    po.write_text(SAMPLE, encoding="utf-8")

    problems = check_catalogue(po)

    assert any(p.startswith("fuzzy:") and "'planned'" in p for p in problems)
    assert any(p.startswith("untranslated:") and "'stalled'" in p for p in problems)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda text: text.replace('msgstr "项目台账"', 'msgstr "项目清单"', 1), "differs"),
        (lambda text: text + '\nmsgid "A new message"\nmsgstr "一条新消息"\n', "not compiled"),
        (lambda text: text.replace('msgid "Project ledger"\nmsgstr "项目台账"\n', ""), "only in"),
    ],
    ids=["changed", "added", "removed"],
)
def test_a_catalogue_changed_after_compiling_is_stale(tmp_path, change, expected):
    po = _catalogue_copy(tmp_path)
    po.write_text(change(po.read_text(encoding="utf-8")), encoding="utf-8")

    problems = check_catalogue(po)

    assert len(problems) == 1 and expected in problems[0], problems


def test_a_missing_compiled_catalogue_is_reported(tmp_path):
    po = _catalogue_copy(tmp_path)
    po.with_suffix(".mo").unlink()

    assert check_catalogue(po) == [f"missing: {po.with_suffix('.mo')} (compile the catalogue)"]


def test_translation_functions_are_imported_under_names_makemessages_reads(tmp_path):
    assert unextracted_aliases() == []
    module = tmp_path / "pkg" / "views.py"
    module.parent.mkdir()
    module.write_text(
        "from django.utils.translation import gettext_lazy as _lazy\n"
        "from django.utils.translation import gettext as _\n"
        "label = f\"<svg aria-label={_('Chain graph')}>\"\n"
    )
    assert unextracted_aliases(tmp_path) == [
        f"not extracted: {tmp_path.name}/pkg/views.py imports gettext_lazy as _lazy",
        f"not extracted: {tmp_path.name}/pkg/views.py:3 calls _ in an f-string",
    ]
