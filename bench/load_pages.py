#!/usr/bin/env python3
"""Page speed for 20 simultaneous users on the dashboard and the list pages.

    .venv/bin/python bench/load_pages.py                   # 20 users for 60 s (≤ 1,000 requests)
    .venv/bin/python bench/load_pages.py --users 40 --seconds 120 --workers 4 --threads 4

It builds the demo in a temporary data directory (``devzone demo --no-serve``, SQLite), serves
it with gunicorn on a free loopback port (``gthread`` workers: 3 processes × 4 threads unless
told, which suits a 2-core machine: one process more than cores, threads to overlap the
database and socket waits), and signs each simulated user in as one of the demo users.

Two runs follow, each bounded by a number of requests and of seconds:

* **users** (the figure the goal is about): every user is a thread with its own session that
  opens a page, reads it for a *think time*, and opens the next, as locust models users with
  ``wait_time = between(...)``. The think time is drawn uniformly between 0.5 and 2 s from a
  seeded random generator (``--seed``), as is each user's choice of the next page, so every
  user makes the same sequence of requests in every run.
* **stress** (printed so that nobody mistakes one for the other): the same users with no think
  time, each requesting the next page the moment the last one arrives. That measures how much
  the server can do at most, not how 20 people using it would find it.

It prints the 50th, 95th and 99th percentile of the response time of each page and overall,
and whether the users run meets the goal of a 95th percentile under 300 ms. Nothing leaves
the machine: the server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
USERS = ["admin", "zhaoqing", "jinhua", "leader"]
PASSWORD = "devzone-demo"
PAGES = {
    "dashboard": "/",
    "project list": "/projects/",
    "list: Zhaoqing, stalled": "/projects/?region=441200&status=stalled",
    "list: search": "/projects/?q=%E9%A1%B9%E7%9B%AE&sort=stage",
    "meetings": "/meetings/",
}
GOAL_MS = 300.0
THINK_SECONDS = (0.5, 2.0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_demo(data_dir: Path, env: dict[str, str]) -> None:
    print(f"Building the demo database in {data_dir} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "devzone"), "demo", "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)


def start_server(port: int, workers: int, threads: int, env: dict[str, str]) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "devzone.conf.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "5",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start within 30 s")


class Browser:
    """One signed-in user: a keep-alive connection and its cookies."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.connection.port}/login/"
        try:
            response = self._send(method, path, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the idle keep-alive connection: reconnect, as a browser does.
            self.connection.close()
            response = self._send(method, path, body, headers)
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def _send(
        self, method: str, path: str, body: str | None, headers: dict[str, str]
    ) -> http.client.HTTPResponse:
        self.connection.request(method, path, body=body, headers=headers)
        return self.connection.getresponse()

    def sign_in(self, username: str) -> None:
        status, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise SystemExit(f"cannot read the sign-in form (HTTP {status})")
        form = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1].decode()}
        )
        status, _ = self.request("POST", "/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"signing in as {username} failed (HTTP {status})")


class Run:
    """One bounded run: the response times of each page, the failures, when to stop."""

    def __init__(self, requests: int, seconds: float) -> None:
        self.left = requests
        self.stop_at = time.monotonic() + seconds
        self.times: dict[str, list[float]] = {}
        self.errors: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def take_turn(self) -> bool:
        """Whether one more request fits in the run's bounds (and count it if so)."""
        with self.lock:
            if self.left <= 0 or time.monotonic() > self.stop_at:
                return False
            self.left -= 1
            return True

    def record(self, name: str, status: int, elapsed_ms: float) -> None:
        with self.lock:
            if status == 200:
                self.times.setdefault(name, []).append(elapsed_ms)
            else:
                self.errors.append((name, status))


def drive(browser: Browser, run: Run, chance: random.Random, think: bool) -> None:
    """One user: the pages in a random order, with a think time after each unless stressing."""
    names = list(PAGES)
    while run.take_turn():
        name = names[chance.randrange(len(names))]
        started = time.perf_counter()
        status, _ = browser.request("GET", PAGES[name])
        run.record(name, status, (time.perf_counter() - started) * 1000)
        if think:
            pause = chance.uniform(*THINK_SECONDS)
            time.sleep(max(0.0, min(pause, run.stop_at - time.monotonic())))


def run_users(
    browsers: list[Browser], requests: int, seconds: float, seed: int, *, think: bool
) -> tuple[Run, float]:
    """All users at once, each with its own seeded choice of pages (and think times)."""
    run = Run(requests, seconds)
    threads = []
    for number, browser in enumerate(browsers):
        chance = random.Random(seed * 1000 + number)
        threads.append(threading.Thread(target=drive, args=(browser, run, chance, think)))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return run, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share) - 1]


def report(title: str, run: Run, seconds: float) -> float:
    """Print the table of one run; return its overall 95th percentile."""
    everything = [value for values in run.times.values() for value in values]
    print(f"\n{title}")
    print(f"{'page':<26}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name in [*PAGES, "overall"]:
        values = everything if name == "overall" else run.times.get(name, [])
        if not values:
            continue
        p50, p95, p99 = (percentile(values, share) for share in (50, 95, 99))
        print(f"{name:<26}{len(values):>9}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}")
    rate = len(everything) / seconds if seconds else 0
    print(f"{len(everything)} requests in {seconds:.1f} s ({rate:.1f}/s)")
    if run.errors:
        print(f"{len(run.errors)} failed requests, e.g. {run.errors[:3]}")
    return percentile(everything, 95) if everything else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1000, help="at most, users run")
    parser.add_argument("--seconds", type=float, default=60, help="at most, users run")
    parser.add_argument("--stress-requests", type=int, default=600, help="at most, stress run")
    parser.add_argument("--stress-seconds", type=float, default=30, help="at most, stress run")
    parser.add_argument("--seed", type=int, default=7, help="of the think times")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="devzone-bench-") as tmp:
        env = {
            **os.environ,
            "DEVZONE_DATA_DIR": tmp,
            "DATABASE_URL": "",
            "DEVZONE_AS_OF": "2024-09-30",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOGIN_THROTTLE_ATTEMPTS": "1000",
        }
        build_demo(Path(tmp), env)
        port = free_port()
        server = start_server(port, args.workers, args.threads, env)
        try:
            browsers = [Browser(port) for _ in range(args.users)]
            for number, browser in enumerate(browsers):
                browser.sign_in(USERS[number % len(USERS)])
            for browser in browsers:  # one warm-up round: templates and caches loaded
                for path in PAGES.values():
                    browser.request("GET", path)
            low, high = THINK_SECONDS
            print(
                f"gunicorn on 127.0.0.1:{port}: {args.workers} workers × {args.threads} threads"
                f" (gthread), {os.cpu_count()} CPU cores; {args.users} users"
            )
            users, seconds = run_users(browsers, args.requests, args.seconds, args.seed, think=True)
            p95 = report(
                f"Users: think time {low}–{high} s (uniform, seed {args.seed}),"
                f" at most {args.requests} requests or {args.seconds:.0f} s",
                users,
                seconds,
            )
            stress, stress_seconds = run_users(
                browsers, args.stress_requests, args.stress_seconds, args.seed, think=False
            )
            stress_p95 = report(
                f"Stress: no think time (back-to-back requests), at most"
                f" {args.stress_requests} requests or {args.stress_seconds:.0f} s",
                stress,
                stress_seconds,
            )
        finally:
            server.terminate()
            server.wait(timeout=10)
    met = p95 < GOAL_MS and not users.errors
    verdict = "meets" if met else "misses"
    print(
        f"\nUsers: overall p95 {p95:.0f} ms {verdict} the goal of {GOAL_MS:.0f} ms."
        f" (Stress, for information: p95 {stress_p95:.0f} ms, not the goal's load model.)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
