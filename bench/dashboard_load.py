"""Dashboard response times under 20 concurrent clients at a million spend lines, against a trivial page.

    .venv/bin/python bench/dashboard_load.py [--lines 1000000] [--clients 20] [--requests 400] [--servers 1]
        [--server gunicorn|runserver] [--workers 4]

In a scratch database holding the synthetic register and N lines (loaded by bench/loading.py's fast route,
then coverage and the KPI summary rebuilt by the app's own services, as after an import), it starts the app
with a real server (gunicorn, the production WSGI server, with --workers processes; or, with --server
runserver, Django's threaded development server), signs each client in through the sign-in page, and
has the clients (threads, http.client, one
connection per request) fetch:
  baseline  the accessibility statement (/accessibility/): a page the same server renders with no query
            beyond the session;
  dashboard /o/<org>/dashboard/?year=2024 (the KPI block, charts and tables for 2024/25).
Each page is fetched `--requests` times in all, shared between the clients, after one unmeasured fetch
per client. Target: dashboard p95 <= 300 ms. With --servers N the app runs as N processes on
consecutive ports and the clients take them in turn (stateless app servers, as DESIGN.md section 4 has them
behind a load balancer). Prints p50, p95, max and throughput for both pages and one JSON line.
"""

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import benchkit
from benchkit import Timer, emit, percentile
from synthetic_spend import ORGANISATION, SEED, YEAR, build_register, ensure_spend_file

TARGET_P95_MS = 300
BASE_PORT = 8765
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def server_command(kind: str, port: int, workers: int) -> list[str]:
    """gunicorn (the production WSGI server, `workers` processes) or Django's development server."""
    if kind == "runserver":
        return [str(Path(sys.executable).with_name("procure")), "runserver", "--noreload", f"127.0.0.1:{port}"]
    return [str(Path(sys.executable).with_name("gunicorn")), "procure.config.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "error"]


def start_servers(count: int, home: Path, *, kind: str = "gunicorn", workers: int = 4
                  ) -> list[tuple[subprocess.Popen, int]]:
    environment = {**os.environ, "DEBUG": "0", "PROCURE_HOME": str(home), "LOG_LEVEL": "ERROR"}
    servers = []
    for offset in range(count):
        port = _free_port(BASE_PORT + offset * 10)
        process = subprocess.Popen(server_command(kind, port, workers), env=environment,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers.append((process, port))
    for process, port in servers:
        _wait_for(port, process)
    return servers


def _free_port(start: int) -> int:
    for port in range(start, start + 10):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {start}")


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} stopped (exit code {process.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server on port {port} did not start")


def stop_servers(servers: list[tuple[subprocess.Popen, int]]) -> None:
    for process, _port in servers:
        process.terminate()
    for process, _port in servers:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


class Client:
    """One signed-in browser: its own session cookie, one server port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Referer": f"http://127.0.0.1:{self.port}{path}"})
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content, elapsed

    def sign_in(self, username: str, password: str) -> None:
        status, page, _ = self.request("GET", "/sign-in/")
        token = _CSRF_FIELD.search(page.decode())
        if status != 200 or token is None:
            raise RuntimeError(f"sign-in page: status {status}")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token[1], "username": username,
                                       "password": password})
        status, _, _ = self.request("POST", "/sign-in/", body)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in refused: status {status}")


def run_load(clients: list[Client], path: str, requests: int) -> tuple[list[float], float, list]:
    """Every client fetches `path` in turn until `requests` fetches are done. (latencies, wall, failures)."""
    latencies: list[float] = []
    failures: list[int] = []
    remaining = [requests]
    lock = threading.Lock()

    def work(client: Client) -> None:
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            try:
                status, _body, elapsed = client.request("GET", path)
            except OSError as error:  # refused or reset: counted as a failure, with its time
                status, elapsed = type(error).__name__, 0.0
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=work, args=(client,)) for client in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, failures


def describe(name: str, latencies: list[float], wall: float, failures: list) -> dict:
    figures = {"p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
               "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
               "max_ms": round(max(latencies) * 1000, 1), "requests": len(latencies),
               "per_s": round(len(latencies) / wall, 1), "failures": len(failures),
               "failure_kinds": {str(kind): failures.count(kind) for kind in set(failures)}}
    print(f"{name}: p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
          f"max {figures['max_ms']:.0f} ms, {figures['per_s']:.1f} requests/s, {figures['failures']} not 200 "
          f"{figures['failure_kinds'] or ''}")
    return figures


def prepare(lines: int, seed: int, timer: Timer):
    from loading import decide_and_summarise, register_load, spend_fast_load

    path, summary = ensure_spend_file(lines, seed)
    setup = register_load(build_register(seed))
    record = spend_fast_load(path, setup=setup, timer=timer, bulk=True)
    decide_and_summarise(record, timer=timer)
    return setup, record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--server", choices=("gunicorn", "runserver"), default="gunicorn")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes per server")
    options = parser.parse_args()
    with benchkit.scratch_database("dashboard") as url:
        home = benchkit.django_setup(url)
        from loading import OFFICER, PASSWORD

        timer = Timer()
        print("loading:", flush=True)
        _setup, record = prepare(options.lines, options.seed, timer)
        servers = start_servers(options.servers, home, kind=options.server, workers=options.workers)
        try:
            clients = [Client(servers[i % len(servers)][1]) for i in range(options.clients)]
            for client in clients:
                client.sign_in(OFFICER, PASSWORD)
            dashboard = f"/o/{ORGANISATION['slug']}/dashboard/?year={YEAR}"
            first = [client.request("GET", dashboard) for client in clients[: len(servers)]]
            if any(status != 200 for status, _, _ in first):
                raise RuntimeError(f"dashboard: status {[status for status, _, _ in first]}")
            cold_ms = round(first[0][2] * 1000, 1)
            run_load(clients, "/accessibility/", options.clients)
            baseline = describe("baseline /accessibility/",
                                *run_load(clients, "/accessibility/", options.requests))
            run_load(clients, dashboard, options.clients)
            measured = describe(f"dashboard {dashboard}", *run_load(clients, dashboard, options.requests))
        finally:
            stop_servers(servers)
    ratio = measured["p95_ms"] / baseline["p95_ms"]
    met = measured["p95_ms"] <= TARGET_P95_MS and not measured["failures"]
    print(f"first dashboard request (cold): {cold_ms:.0f} ms; dashboard p95 / baseline p95: {ratio:.1f} x; "
          f"target p95 <= {TARGET_P95_MS} ms: {'met' if met else 'missed'}")
    emit({"bench": "dashboard_load", "lines": record.lines, "clients": options.clients,
          "servers": options.servers,
          "server": (f"gunicorn, {options.workers} workers" if options.server == "gunicorn"
                     else "procure runserver --noreload"), "dashboard": measured,
          "baseline": baseline,
          "cold_first_ms": cold_ms, "p95_ratio": round(ratio, 2), "target_p95_ms": TARGET_P95_MS,
          "target_met": met, "load_s": {k: round(v, 2) for k, v in timer.seconds.items()}})


if __name__ == "__main__":
    sys.exit(main())
