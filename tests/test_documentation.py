"""Every setting and every command is documented (a Datasette habit): the test fails when one
is added without a word in the README or docs/."""

from __future__ import annotations

import re
from pathlib import Path

from devzone.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _documentation() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def test_every_environment_variable_of_the_settings_is_documented():
    settings = (ROOT / "src/devzone/conf/settings.py").read_text(encoding="utf-8")
    names = set(
        re.findall(r"""(?:_env_bool|_env_list|os\.environ\.get)\(\s*["']([A-Z_]+)""", settings)
    )
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= names
    docs = _documentation()
    missing = sorted(name for name in names if name not in docs)
    assert not missing, f"settings without documentation: {missing}"


def test_every_command_is_documented():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    docs = _documentation()
    missing = sorted(name for name in commands.choices if f"devzone {name}" not in docs)
    assert not missing, f"commands without documentation: {missing}"


def test_the_readme_opens_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    opening = readme.split("```", 2)[1]
    assert "make demo" in opening and "make test" in opening
