"""How ``devzone serve`` starts gunicorn: warm before the fork, nothing that breaks after it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

# In a fresh process on a demo database: load the WSGI module as gunicorn --preload does, fork
# as gunicorn does, and compute a rollup in the child as its first request would.
FORKED_ROLLUP = textwrap.dedent(
    """
    import os, signal, sys
    import devzone.conf.wsgi  # noqa: F401 (warms up, as under --preload)
    pid = os.fork()
    if pid == 0:
        signal.alarm(60)  # a first rollup that hangs ends the child (SIGALRM) instead
        from django.db import connections
        connections.close_all()
        import datetime as dt
        from devzone.targets.models import Plan
        from devzone.targets.progress import plan_progress
        for plan in Plan.objects.all():
            plan_progress(plan, dt.date(2023, 6, 30), user=None)
        os._exit(0)
    _pid, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="gunicorn forks its workers (POSIX)")
def test_a_worker_forked_after_the_warm_up_computes_rollups(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'devzone.sqlite3'}",
        "DEVZONE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "devzone.conf.settings",
    }
    devzone = [sys.executable, "-c", "import sys; from devzone.cli import main; sys.exit(main())"]
    subprocess.run([*devzone, "demo", "--no-serve"], env=env, check=True, capture_output=True)

    run = subprocess.run(
        [sys.executable, "-c", FORKED_ROLLUP], env=env, capture_output=True, text=True
    )

    assert run.returncode == 0, run.stderr[-2000:]


def test_serve_reads_the_ledger_in_each_worker_after_the_fork():
    from devzone.cli.setup import gunicorn_command
    from devzone.conf import gunicorn

    command = gunicorn_command("127.0.0.1", 8000)
    assert command[command.index("--config") + 1] == "python:devzone.conf.gunicorn"
    assert callable(gunicorn.post_worker_init)
