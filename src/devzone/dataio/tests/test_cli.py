"""The command-line functions, run through an argparse parser built with ``register``."""

from __future__ import annotations

import argparse
import json

import pytest

from devzone.dataio.cli import register
from devzone.projects.models import Project


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="devzone")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.handler(args)


def test_import_dry_run_json_then_import(zh_ledger, zone_a, capsys):
    assert _run("import", "projects", str(zh_ledger), "--dry-run", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["created"], summary["committed"], summary["ok"]) == (3, False, True)
    assert not Project.objects.exists()

    assert _run("import", "projects", str(zh_ledger), "--user", "") == 0
    assert "3 created" in capsys.readouterr().out
    assert Project.objects.count() == 3


def test_import_errors_exit_1_and_write_rejected_rows(tmp_path, zone_a, capsys):
    from devzone.dataio.tests.ledgers import write_csv

    path = write_csv(
        tmp_path / "x.csv", [["项目名称", "计划总投资（亿元）"], ["甲", "待定"], ["乙", 2]]
    )
    rejected = tmp_path / "rejected.csv"

    code = _run(
        "import",
        "projects",
        str(path),
        "--zone",
        zone_a.slug,
        "--skip-invalid",
        "--rejected",
        str(rejected),
    )

    assert code == 0 and Project.objects.count() == 1
    assert "待定" in rejected.read_text(encoding="utf-8-sig")
    assert _run("import", "projects", str(path), "--zone", zone_a.slug) == 1
    assert "Nothing was imported" in capsys.readouterr().out


@pytest.mark.parametrize(
    "options", [("--rejected", "r.csv"), ("--skip-invalid", "--rejected", "r.txt")]
)
def test_a_rejected_file_that_would_not_be_written_is_refused(tmp_path, zone_a, options):
    from devzone.cli.base import CommandError
    from devzone.dataio.tests.ledgers import write_csv

    path = write_csv(tmp_path / "x.csv", [["项目名称", "计划总投资（亿元）"], ["甲", "待定"]])
    argv = [a if not a.startswith("r.") else str(tmp_path / a) for a in options]

    with pytest.raises(CommandError):
        _run("import", "projects", str(path), "--zone", zone_a.slug, *argv)
    assert not any(tmp_path.glob("r.*")) and not Project.objects.exists()


def test_columns_the_import_does_not_read_are_listed(tmp_path, zone_a, capsys, monkeypatch):
    from devzone.dataio.tests.ledgers import write_csv

    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")
    rows = [["项目名称", "计划总投资（亿元）", "备忘录"], ["甲", 2, "x"]]
    path = write_csv(tmp_path / "x.csv", rows)

    assert _run("import", "projects", str(path), "--zone", zone_a.slug, "--dry-run") == 0
    assert "Columns devzone does not read: 备忘录" in capsys.readouterr().out


def test_import_lists_a_few_problems_of_each_kind_unless_asked(tmp_path, zone_a, capsys):
    from devzone.dataio.tests.ledgers import write_csv

    rows = [[f"项目{i}", "待定"] for i in range(7)]
    path = write_csv(tmp_path / "x.csv", [["项目名称", "计划总投资（亿元）"], *rows])

    assert _run("import", "projects", str(path), "--zone", zone_a.slug, "--show", "3") == 1
    listed = capsys.readouterr().out
    numbers = [line.split(",")[0] for line in listed.splitlines() if line.startswith("  row ")]
    assert numbers == ["  row 2", "  row 3", "  row 4"]
    assert "… and 4 more" in listed

    assert _run("import", "projects", str(path), "--zone", zone_a.slug, "--show", "0") == 1
    everything = capsys.readouterr().out
    assert sum(line.startswith("  row ") for line in everything.splitlines()) == 7
    assert "more" not in everything


def test_import_as_a_user_outside_the_zone(zh_ledger, staff_b, capsys):
    assert _run("import", "projects", str(zh_ledger), "--user", "staff_b", "--json") == 1
    assert not Project.objects.exists()


def test_bad_file_exits_2(tmp_path, db, capsys):
    path = tmp_path / "empty.csv"
    path.write_text("")
    assert _run("import", "projects", str(path)) == 2
    assert "empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "marker"),
    [("out.xlsx", b"PK"), ("out.csv", "项目代码".encode()), ("out.json", b'"projects"')],
)
def test_export_formats_and_filters(zh_ledger, staff_a, tmp_path, capsys, name, marker):
    from devzone.dataio.importing import import_projects

    import_projects(zh_ledger, actor=staff_a)
    output = tmp_path / name

    assert (
        _run("export", "projects", "-o", str(output), "--user", "staff_a", "--search", "物流") == 0
    )

    assert marker in output.read_bytes()[:4000]
    assert "1 project(s)" in capsys.readouterr().out


def test_template(tmp_path, db, capsys):
    output = tmp_path / "t.xlsx"
    assert _run("template", "-o", str(output), "--language", "en") == 0
    assert output.exists()


def test_export_refuses_a_filter_value_it_does_not_know(project_a, tmp_path):
    from devzone.cli.base import CommandError

    output = tmp_path / "out.csv"

    with pytest.raises(CommandError, match=r"--stage 'bogus'.*construction_started"):
        _run("export", "projects", "-o", str(output), "--stage", "bogus")

    assert not output.exists()


@pytest.mark.parametrize(
    "argv",
    [["template", "-o", "{dir}/t.csv"], ["export", "projects", "-o", "{dir}/out.txt"]],
)
def test_a_file_name_that_does_not_say_the_format_is_refused(tmp_path, db, argv, monkeypatch):
    from devzone.cli.base import CommandError

    monkeypatch.setenv("DEVZONE_LANGUAGE", "en")
    with pytest.raises(CommandError, match=r"\.xlsx"):
        _run(*[part.format(dir=tmp_path) for part in argv])
    assert not list(tmp_path.iterdir())
