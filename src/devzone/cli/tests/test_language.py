"""The command line's language: DEVZONE_LANGUAGE first, then the terminal's locale, else English."""

from __future__ import annotations

import gettext

import pytest

from devzone.cli import i18n, main

LOCALE_VARIABLES = ("DEVZONE_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
DESCRIPTION = "devzone: the project ledger of development zones."


@pytest.fixture
def environment(monkeypatch):
    """Clear every variable that chooses the language, then set the given ones."""
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)

    def set_variables(**values: str) -> None:
        for variable, value in values.items():
            monkeypatch.setenv(variable, value)

    return set_variables


def help_output(capsys) -> str:
    assert main(["--help"]) == 0
    return capsys.readouterr().out


def test_help_is_english_in_the_c_locale(environment, capsys):
    environment(LANG="C")

    out = help_output(capsys)

    assert out.startswith("usage: devzone")
    assert DESCRIPTION in out
    assert "commands:" in out
    assert "Create or update the database tables." in out


@pytest.mark.parametrize(
    ("variables", "language"),
    [
        ({}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh-hans"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh-hans"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "C"}, "zh-hans"),
        ({"DEVZONE_LANGUAGE": "zh-hans", "LC_ALL": "C", "LANG": "en_US.UTF-8"}, "zh-hans"),
        ({"DEVZONE_LANGUAGE": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
        ({"DEVZONE_LANGUAGE": "  ", "LANG": "zh_CN.UTF-8"}, "zh-hans"),
    ],
)
def test_language_follows_devzone_language_then_the_locale(environment, variables, language):
    environment(**variables)

    assert i18n.cli_language() == language


def test_chinese_reads_the_compiled_catalogue(environment):
    environment(DEVZONE_LANGUAGE="zh-hans", LANG="C")
    assert i18n.gettext("Projects") == "项目"

    environment(DEVZONE_LANGUAGE="en")
    assert i18n.gettext("Projects") == "Projects"


class Catalogue(gettext.NullTranslations):
    """A catalogue held in a dict, to show which texts the command line looks up."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)


@pytest.fixture
def chinese(environment, monkeypatch):
    """Chinese from a given catalogue (the real one may still lack these messages)."""
    environment(DEVZONE_LANGUAGE="zh-hans")

    def use(messages: dict[str, str]) -> None:
        catalogue = Catalogue(messages)
        monkeypatch.setattr(i18n, "_catalogue", lambda language: catalogue)

    return use


def test_help_texts_and_argparse_phrases_go_through_the_catalogue(chinese, capsys):
    chinese({
        "usage: ": "用法：",
        "commands": "命令",
        "Create or update the database tables.": "创建或更新数据库表。",
        "address to listen on (default %(default)s)": "监听地址（默认 %(default)s）",
    })  # fmt: skip

    out = help_output(capsys)
    assert main(["serve", "--help"]) == 0
    serve = capsys.readouterr().out

    assert out.startswith("用法：devzone")
    assert "命令:" in out
    assert "创建或更新数据库表。" in out
    assert "监听地址（默认 127.0.0.1）" in serve


def test_error_messages_go_through_the_catalogue(chinese, capsys):
    chinese({
        "cannot read %(text)s: %(error)s": "无法读取 %(text)s：%(error)s",
        "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    })  # fmt: skip

    assert main(["parse-amount", "many"]) == 2

    assert capsys.readouterr().err.startswith("devzone：错误：无法读取 'many'：")


def test_help_is_chinese_with_devzone_language_zh_hans(environment, capsys):
    environment(DEVZONE_LANGUAGE="zh-hans", LANG="C")

    out = help_output(capsys)

    assert "用法" in out  # argparse's "usage:"
    assert DESCRIPTION not in out  # devzone's own help text


def test_every_command_says_what_it_does_in_its_help():
    import argparse

    from devzone.cli.parser import build_parser

    def commands(parser, path=()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, command in action.choices.items():
                    yield (*path, name), command
                    yield from commands(command, (*path, name))

    found = list(commands(build_parser()))
    assert len(found) > 40
    assert [" ".join(path) for path, command in found if not command.description] == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_help_fits_the_terminal_by_display_width(environment, monkeypatch, language):
    """Chinese characters take two columns: help is wrapped to the terminal's width in columns,
    so no line of any command's help runs past it (a closing 。 may hang, as typeset)."""
    import argparse

    from devzone.cli.parser import build_parser
    from devzone.cli.wrapping import display_width

    environment(DEVZONE_LANGUAGE=language)
    monkeypatch.setenv("COLUMNS", "60")

    def parsers(parser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for command in action.choices.values():
                    yield from parsers(command)

    too_wide = [
        line
        for parser in parsers(build_parser())
        for line in parser.format_help().splitlines()
        if display_width(line.rstrip("。")) > 60
    ]
    assert too_wide == []


def test_wrapping_breaks_between_chinese_characters_not_inside_latin_words():
    from devzone.cli.wrapping import wrap

    lines = wrap("每行一个名称，或 CSV/.xlsx 文件中 --column 指定的列。输出最佳匹配（得分）", 20)

    assert lines == [
        "每行一个名称，或",
        "CSV/.xlsx 文件中",
        "--column 指定的列。",
        "输出最佳匹配（得分）",
    ]
