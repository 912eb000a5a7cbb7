#!/usr/bin/env python3
"""Page speed under load: 20 simultaneous users on the dashboard and the list pages.

    .venv/bin/python bench/load_pages.py                  # 20 users × 25 requests each
    .venv/bin/python bench/load_pages.py --users 40 --requests 10 --workers 4

It builds the demo in a temporary data directory (``devzone demo --no-serve``, SQLite), serves
it with gunicorn on a free loopback port (2 workers unless told), signs each simulated user in
as one of the demo users, then lets every user (a thread, plain ``http.client``) request the
pages in turn, as fast as the server answers, for a bounded number of requests and seconds.
It prints the 50th, 95th and 99th percentile of the response time of each page and overall;
the goal is a 95th percentile under 300 ms. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
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


def start_server(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "devzone.conf.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
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
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

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


def drive(browser: Browser, requests: int, stop_at: float, times: dict, lock, errors) -> None:
    names = list(PAGES)
    for index in range(requests):
        if time.monotonic() > stop_at:
            return
        name = names[index % len(names)]
        started = time.perf_counter()
        status, _ = browser.request("GET", PAGES[name])
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            if status == 200:
                times.setdefault(name, []).append(elapsed)
            else:
                errors.append((name, status))


def percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share) - 1]


def report(times: dict[str, list[float]], errors: list, seconds: float) -> bool:
    everything = [value for values in times.values() for value in values]
    print(f"\n{'page':<26}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name in [*PAGES, "overall"]:
        values = everything if name == "overall" else times.get(name, [])
        if not values:
            continue
        p50, p95, p99 = (percentile(values, share) for share in (50, 95, 99))
        print(f"{name:<26}{len(values):>9}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}")
    print(f"\n{len(everything)} requests in {seconds:.1f} s ({len(everything) / seconds:.0f}/s)")
    if errors:
        print(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    p95 = percentile(everything, 95) if everything else float("inf")
    verdict = "meets" if p95 < GOAL_MS else "misses"
    print(f"Overall p95 {p95:.0f} ms {verdict} the goal of {GOAL_MS:.0f} ms.")
    return p95 < GOAL_MS and not errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per user")
    parser.add_argument("--seconds", type=float, default=120, help="stop after this long")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (≥ 2)")
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
        server = start_server(port, max(args.workers, 2), env)
        try:
            browsers = [Browser(port) for _ in range(args.users)]
            for number, browser in enumerate(browsers):
                browser.sign_in(USERS[number % len(USERS)])
            for browser in browsers:  # one warm-up round: templates and caches loaded
                for path in PAGES.values():
                    browser.request("GET", path)
            print(f"{args.users} users, {args.requests} requests each, on 127.0.0.1:{port}")
            times: dict[str, list[float]] = {}
            errors: list = []
            lock = threading.Lock()
            stop_at = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=drive, args=(browser, args.requests, stop_at, times, lock, errors)
                )
                for browser in browsers
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            ok = report(times, errors, time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
