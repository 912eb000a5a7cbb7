"""``devzone parse-amount`` and the command line's handling of bad input."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from devzone.cli import main


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "19.545亿元",
            '{"value": "1954500000", "unit": "CNY", "kind": "money", "qualifier": null}',
        ),
        (
            "68.9 billion yuan",
            '{"value": "68900000000", "unit": "CNY", "kind": "money", "qualifier": null}',
        ),
        ("5千万元", '{"value": "50000000", "unit": "CNY", "kind": "money", "qualifier": null}'),
        ("-5亿元", '{"value": "-500000000", "unit": "CNY", "kind": "money", "qualifier": null}'),
        ("5000万美金", '{"value": "50000000", "unit": "USD", "kind": "money", "qualifier": null}'),
        (
            "132 million US dollars",
            '{"value": "132000000", "unit": "USD", "kind": "money", "qualifier": null}',
        ),
        ("16.4亿", '{"value": "1640000000", "unit": null, "kind": "number", "qualifier": null}'),
    ],
)
def test_parse_amount_prints_exact_json(capsys, text, line):
    status = main(["parse-amount", text])

    assert status == 0
    assert capsys.readouterr().out == line + "\n"


def test_parse_amount_prints_one_line_per_text(capsys):
    main(["parse-amount", "19.545亿元", "5千万元"])

    assert len(capsys.readouterr().out.splitlines()) == 2


def test_an_unreadable_amount_is_an_error_with_status_2(capsys):
    status = main(["parse-amount", "19.545亿元", "many yuan"])
    captured = capsys.readouterr()

    assert status == 2
    assert captured.out.count("\n") == 1  # the good one is still printed
    assert "many yuan" in captured.err
    assert "Traceback" not in captured.err


def test_parse_amount_does_not_start_django():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; from devzone.cli import main; status = main(['parse-amount', '5千万元']); "
        "print('django' in sys.modules, status)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )

    assert result.stdout.splitlines()[-1] == "False 0"


def test_help_is_plain_and_succeeds(capsys):
    assert main(["--help"]) == 0
    assert "parse-amount" in capsys.readouterr().out


def test_every_command_has_help(capsys):
    for command in [
        ["demo"], ["serve"], ["migrate"], ["createuser"], ["token", "create"],
        ["reference", "load", "industries"], ["reference", "load", "regions"],
        ["projects", "list"], ["parse-amount"], ["manage"],
    ]:  # fmt: skip
        assert main([*command, "--help"]) == 0
        assert "usage: devzone" in capsys.readouterr().out


def test_a_usage_mistake_exits_2(capsys):
    assert main(["serve", "--port", "99999"]) == 2
    assert "port" in capsys.readouterr().err
    assert main(["no-such-command"]) == 2


def test_a_command_group_without_a_command_shows_its_help(capsys):
    assert main(["token"]) == 2
    assert "create" in capsys.readouterr().err
