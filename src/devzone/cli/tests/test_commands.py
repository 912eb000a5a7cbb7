"""Users, tokens, the project list, the demo and serving, run in-process through ``main``."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from devzone.cli import main

GOOD_PASSWORD = "Zone-office-2024!"


@pytest.fixture
def stdin(monkeypatch):
    def feed(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return feed


def test_createuser_with_a_role_and_zone(zone_a, stdin, capsys):
    from django.contrib.auth import get_user_model

    stdin(GOOD_PASSWORD + "\n")

    status = main(["createuser", "wang", "--role", "staff", "--zone", "jdz", "--password-stdin"])

    user = get_user_model().objects.get(username="wang")
    assert status == 0
    assert user.check_password(GOOD_PASSWORD)
    assert user.membership.role == "staff"
    assert list(user.membership.zones.all()) == [zone_a]
    assert "Created wang (staff) for jdz" in capsys.readouterr().out


def test_createuser_asks_twice_and_refuses_different_passwords(db, monkeypatch, capsys):
    from django.contrib.auth import get_user_model

    answers = iter([GOOD_PASSWORD, "something-else-2024"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin", _Terminal())

    assert main(["createuser", "li", "--role", "viewer"]) == 2
    assert "differ" in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="li").exists()


def test_createuser_without_a_terminal_asks_for_password_stdin(db, stdin, capsys):
    from django.contrib.auth import get_user_model

    stdin("")  # input from a file or /dev/null: no terminal to ask on

    assert main(["createuser", "li", "--role", "viewer"]) == 2
    assert "--password-stdin" in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="li").exists()


def _handled_by(monkeypatch, handler) -> None:
    """Every command line runs ``handler`` (to see how ``main`` reports what it raises)."""
    from devzone.cli import parser

    real = parser.build_parser

    def build():
        built = real()
        built.set_defaults(handler=handler)
        return built

    monkeypatch.setattr(parser, "build_parser", build)


def test_a_prompt_with_nothing_to_read_is_one_line_not_a_traceback(monkeypatch, capsys):
    def reads_input(args):
        raise EOFError

    _handled_by(monkeypatch, reads_input)
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("devzone: error: no input to read")


def test_output_cut_short_by_its_reader_ends_quietly(monkeypatch, capsys):
    """`devzone projects list | head`: no traceback when head stops reading."""
    import devzone.cli

    def writes(args):
        raise BrokenPipeError

    silenced = []
    _handled_by(monkeypatch, writes)
    monkeypatch.setattr(devzone.cli, "_silence_stdout", lambda: silenced.append(True))
    assert main([]) == 141
    assert silenced == [True] and capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("arguments", "password", "message"),
    [
        (["--zone", "nowhere"], GOOD_PASSWORD, "no zone with the short code nowhere"),
        (["--region", "999999"], GOOD_PASSWORD, "no province"),
        ([], "short", "devzone: error:"),  # the validator's message, in the site's language
    ],
)
def test_createuser_reports_bad_input(regions, stdin, capsys, arguments, password, message):
    from django.contrib.auth import get_user_model

    stdin(password + "\n")

    status = main(["createuser", "zhao", "--role", "staff", *arguments, "--password-stdin"])

    assert status == 2
    assert message in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="zhao").exists()


def test_createuser_refuses_a_taken_name(admin_user, stdin, capsys):
    stdin(GOOD_PASSWORD + "\n")

    assert main(["createuser", "admin1", "--role", "viewer", "--password-stdin"]) == 2
    assert "username" in capsys.readouterr().err


def test_token_create_prints_a_working_token_once(staff_a, capsys):
    from devzone.accounts.services import user_for_token

    assert main(["token", "create", "staff_a", "--name", "scripts"]) == 0
    captured = capsys.readouterr()

    assert user_for_token(captured.out.strip()) == staff_a
    assert "not shown again" in captured.err


def test_token_for_an_unknown_user(db, capsys):
    assert main(["token", "create", "ghost"]) == 2
    assert "no user named 'ghost'" in capsys.readouterr().err


def _listed(capsys, *arguments: str) -> set[str]:
    assert main(["projects", "list", "--json", *arguments]) == 0
    return {row["name"] for row in json.loads(capsys.readouterr().out)}


def test_projects_list_obeys_the_users_scope(project_a, project_b, staff_a, capsys):
    assert _listed(capsys, "--user", "staff_a") == {project_a.name}
    assert _listed(capsys) == {project_a.name, project_b.name}
    assert _listed(capsys, "--zone", "zq-hitech") == {project_b.name}


def test_projects_list_table_and_query_count(
    project_a, project_b, leader_jinhua, capsys, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert main(["projects", "list", "--user", "leader_jh"]) == 0
    out = capsys.readouterr().out

    assert project_a.name in out and project_b.name not in out
    assert "1 project(s)" in out


def test_projects_list_for_an_unknown_user(db, capsys):
    assert main(["projects", "list", "--user", "nobody"]) == 2
    assert "no user named 'nobody'" in capsys.readouterr().err


def test_demo_twice_is_idempotent(db, capsys):
    from devzone.core.models import ChangeRecord
    from devzone.projects.models import Project

    assert main(["demo", "--no-serve"]) == 0
    first = capsys.readouterr().out
    counts = (Project.objects.count(), ChangeRecord.objects.count())

    assert main(["demo", "--no-serve"]) == 0
    second = capsys.readouterr().out

    assert "Demo data loaded" in first
    assert "admin" in first and "devzone-demo" in first
    assert "already loaded" in second
    assert (Project.objects.count(), ChangeRecord.objects.count()) == counts


def test_the_demo_leaves_its_day_for_later_commands(db, settings, tmp_path, capsys):
    import subprocess

    settings.DEMO_AS_OF_FILE = tmp_path / "demo-as-of"
    before = (settings.DEVZONE_AS_OF, os.environ.get("DEVZONE_AS_OF"))
    assert main(["demo", "--no-serve"]) == 0
    assert settings.DEMO_AS_OF_FILE.read_text().strip() == "2024-09-30"
    # this process (the tests after this one) keeps its own day
    assert (settings.DEVZONE_AS_OF, os.environ.get("DEVZONE_AS_OF")) == before
    env = {
        **os.environ,
        "DEVZONE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "devzone.conf.settings",
    }
    env.pop("DEVZONE_AS_OF", None)
    read = "import django; django.setup(); from devzone.core.clock import today; print(today())"
    later = subprocess.run([sys.executable, "-c", read], env=env, capture_output=True, text=True)
    assert later.stdout.strip() == "2024-09-30", later.stderr[-500:]


def test_serve_runs_gunicorn_on_the_address_given(db, monkeypatch, capsys):
    calls = []

    class Served(Exception):
        pass

    def fake_execv(path, argv):
        calls.append(argv)
        raise Served

    monkeypatch.setattr("os.execv", fake_execv)

    with pytest.raises(Served):
        main(["serve", "--host", "127.0.0.1", "--port", "8123"])

    assert calls[0][1:4] == ["-m", "gunicorn", "devzone.conf.wsgi"]
    assert "127.0.0.1:8123" in calls[0]
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_manage_passes_through_to_django(db, capsys):
    assert main(["manage", "check"]) == 0
    assert "no issues" in capsys.readouterr().out


def test_a_database_without_tables_is_reported_without_a_traceback(db, capsys, monkeypatch):
    from django.db import OperationalError

    def broken(args):
        raise OperationalError("no such table: projects_project")

    monkeypatch.setattr("devzone.cli.projects.list_projects", broken)

    assert main(["projects", "list"]) == 1
    assert "devzone migrate" in capsys.readouterr().err


def test_a_file_that_cannot_be_written_is_one_line_not_a_traceback(db, tmp_path, capsys):
    target = tmp_path / "no such folder" / "template.xlsx"

    assert main(["template", "-o", str(target)]) == 2

    err = capsys.readouterr().err
    assert err.strip() == f"devzone: error: {target}: no such file or folder"


@pytest.mark.parametrize(
    "arguments",
    [
        ["enterprises", "list", "--limit", "0"],
        ["match", "names.txt", "--limit", "-1"],
        ["chains", "gaps", "--chain", "x", "--region", "44", "--candidates", "-3"],
        ["import", "projects", "x.csv", "--show", "-1"],
    ],
)
def test_counts_out_of_range_are_usage_errors(arguments, capsys):
    assert main(arguments) == 2
    assert "give a whole number of at least" in capsys.readouterr().err


def test_projects_list_columns_line_up_in_chinese(project_a, project_b, capsys, monkeypatch):
    from devzone.cli.wrapping import display_width

    monkeypatch.setenv("DEVZONE_LANGUAGE", "zh-hans")
    assert main(["projects", "list"]) == 0
    out = capsys.readouterr().out.splitlines()

    # each project's name starts in the same terminal column (a Chinese character takes two)
    rows = [
        next(line for line in out if project.name in line) for project in (project_a, project_b)
    ]
    starts = {
        display_width(row[: row.index(project.name)])
        for row, project in zip(rows, (project_a, project_b), strict=True)
    }
    assert len(starts) == 1
