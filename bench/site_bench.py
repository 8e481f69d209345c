"""How many requests the site serves, how fast, and in how many queries.

Builds the large demo (`bench/large_demo.py`: the demo shop with 2,000 stories,
300 products, 50,000 comments, a post with 200 comments and a thread of
1,000), serves it with the production settings under gunicorn (two sync
workers) on 127.0.0.1 and drives wrk against a constant Django view (the
ceiling), a static file, and the home page, the blog, the post with 200
comments, the thread of 1,000, a product and the board: each anonymous (what
the shared cache serves; each warmed once first) and as a logged-in member
(which the cache never serves). Queries per page are counted in this process
with Django's test client against the same database and settings.

Fails (exit status 1), after printing the whole table, unless:

- every anonymous page answers at least half as many requests per second as
  the static file, with a 99th percentile under 20 ms;
- the post with 200 comments and the page of the 1,000-comment thread each
  answer a member at least 2 % as often as the static file (120 times a
  second where the static file is served 6,000 times), with a 99th
  percentile under 250 ms, rendered in at most 15 queries for an anonymous
  reader after a new comment and 20 for the member.

"queries anon" counts the first anonymous request after a new comment on the
page (what a comment purges: its discussion and the listings counting it);
"all purged" the first after everything was purged, when nothing the page
shows is stored.

The built database is kept in `bench/.data/` and used again while what built
it is unchanged; with DATABASE_URL set to PostgreSQL it is built there.

    python -m bench.site_bench [--quick] [--duration 10] [--rebuild]
                                [--markdown-out FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench import wrk
from bench.stores import DATA, PROJECT, fingerprint, store_for

SETTINGS = "bench.settings"
PORTS = range(8200, 8250)
HOST = "127.0.0.1"
REDIS_URL = "redis://127.0.0.1:6379/5"
# The production settings redirect plain HTTP; behind the proxy they trust,
# this header says the request came in over HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
STATIC_FILE = "css/theke.css"

MIN_SHARE_OF_STATIC = 0.5
MAX_CACHED_P99_MS = 20.0
# The pages whose member rendering has targets: the issue names the post and
# a page of the long thread.
MEMBER_PAGES = ("post, 200 comments", "thread, 1,000 comments")
MIN_MEMBER_SHARE_OF_STATIC = 0.02
MAX_MEMBER_P99_MS = 250.0
MAX_QUERIES_ANONYMOUS = 15
MAX_QUERIES_MEMBER = 20
# A page whose one render takes longer than this is counted once, not twice.
RENDER_PATIENCE = 10.0
# Longer than gunicorn's 30 s for a worker: a page that takes longer gets no
# answer and is left out of the load, with the reason in the table's notes.
ANSWER_TIMEOUT = 40


@dataclass
class Row:
    """One line of the table: a page and what was measured on it."""

    name: str
    path: str
    cached: wrk.Measure | None = None
    member: wrk.Measure | None = None
    queries_anonymous: int | None = None
    queries_member: int | None = None
    queries_rebuilt: int | None = None
    render_seconds: float = 0.0
    # Why a mode was not loaded, by mode ("cached", "member").
    skipped: dict[str, str] = field(default_factory=dict)


# The server


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise SystemExit(f"No free port between {PORTS.start} and {PORTS.stop - 1}.")


def request(
    port: int, path: str, headers: dict[str, str], timeout: float = ANSWER_TIMEOUT
) -> tuple[int, bytes]:
    """GET `path` from the server once, without following redirects."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={**PROXY_HEADERS, **headers})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def gunicorn(environment: dict[str, str], log: Path):
    """The site under gunicorn with two sync workers; stopped on the way out."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 (our own interpreter and app)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers=2",
                "--worker-class=sync",
                f"--bind={HOST}:{port}",
                "--log-level=warning",
                # No control socket: by default every gunicorn of the user would share
                # one, ~/.gunicorn/gunicorn.ctl.
                "--no-control-socket",
                "theke.wsgi:application",
            ],
            cwd=PROJECT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(server, port, log)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_serving(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at once:\n{log.read_text()}")
        try:
            status, _body = request(port, "/bench/ceiling/", {}, timeout=5)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise SystemExit(f"The ceiling answered {status}:\n{log.read_text()}")
    raise SystemExit(f"gunicorn did not answer within a minute:\n{log.read_text()}")


# The run


def environment_for(store, secret_key: str, static_root: Path) -> dict[str, str]:
    """What the benchmark's process and gunicorn's share: the same settings,
    database, secret, cache and static files."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=store.url,
        SECRET_KEY=secret_key,
        MEDIA_ROOT=str(store.media),
        BENCH_STATIC_ROOT=str(static_root),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", REDIS_URL),
        # A prefix of this run's own: nothing stored by an earlier run is served.
        CACHE_KEY_PREFIX=f"theke-bench-{secrets.token_hex(4)}",
        ALLOWED_HOSTS=f"{HOST},localhost",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="immediate",
        PYTHONPATH=str(PROJECT),
    )
    return environment


def machine(database: str) -> str:
    """The machine and software the figures were measured on, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().split()[1]
        memory = f", {int(memory) / 1024 / 1024:.0f} GB"
    except OSError:
        memory = ""
    return (
        f"{cpu}, {os.cpu_count()} CPUs{memory}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; {database}"
    )


def measure_all(rows: list[Row], port: int, seconds: int, cookie: str) -> None:
    """Check, warm and load every address, anonymously and as the member."""
    member_headers = {"Cookie": cookie}
    for row in rows:
        modes = [("cached", {})]
        if row.queries_member is not None:
            modes.append(("member", member_headers))
        for mode, headers in modes:
            try:
                status, body = request(port, row.path, headers)
            except (OSError, http.client.HTTPException) as error:
                row.skipped[mode] = (
                    f"no answer within {ANSWER_TIMEOUT} s ({type(error).__name__})"
                )
                print(f"  {row.name} ({mode}): {row.skipped[mode]}", flush=True)
                continue
            if status != 200:
                raise SystemExit(
                    f"{row.path} answered {status} ({mode}), not 200:\n"
                    f"{body[:500].decode(errors='replace')}"
                )
            print(f"  {row.name} ({mode}) …", flush=True)
            measured = wrk.run(
                f"http://{HOST}:{port}{row.path}",
                seconds,
                {**PROXY_HEADERS, **headers},
            )
            setattr(row, mode, measured)


def table(rows: list[Row]) -> str:
    ceiling = rows[0].cached.requests_per_second
    lines = [
        "| page | cached req/s | median | p99 | share of ceiling "
        "| uncached (member) req/s | median | p99 | queries anon | queries member "
        "| all purged |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        cells = [row.name]
        cells += measure_cells(row.cached, "cached" in row.skipped)
        cells.append(
            f"{row.cached.requests_per_second / ceiling:.2f}" if row.cached else "–"
        )
        cells += measure_cells(row.member, "member" in row.skipped)
        cells += [
            "–" if count is None else str(count)
            for count in (
                row.queries_anonymous,
                row.queries_member,
                row.queries_rebuilt,
            )
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def notes(rows: list[Row]) -> list[str]:
    """Why some pages were not loaded, and which take long to render."""
    found = []
    for row in rows:
        if row.render_seconds > RENDER_PATIENCE:
            found.append(
                f"{row.name}: one render takes {row.render_seconds:.0f} s in process "
                "(its queries counted on the first request)"
            )
        for mode, reason in row.skipped.items():
            found.append(f"{row.name} ({mode}): {reason}, not loaded")
        for mode in ("cached", "member"):
            measure = getattr(row, mode)
            if measure is not None and measure.timeouts:
                found.append(
                    f"{row.name} ({mode}): {measure.timeouts} requests got no "
                    f"answer within {wrk.TIMEOUT} and are not in the latencies"
                )
    return found


def measure_cells(measure: wrk.Measure | None, skipped: bool = False) -> list[str]:
    if measure is None:
        return ["not loaded" if skipped else "–", "–", "–"]
    if not measure.requests:
        return ["0", "no answer", "no answer"]
    return [
        f"{measure.requests_per_second:,.0f}",
        milliseconds(measure.median_ms),
        milliseconds(measure.p99_ms),
    ]


def milliseconds(value: float) -> str:
    if value == math.inf:
        return "no answer"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def missed_targets(rows: list[Row]) -> list[str]:
    """Every target the run missed, worded for the reader."""
    static = next(row for row in rows if row.name == "static file").cached
    floor = static.requests_per_second * MIN_SHARE_OF_STATIC
    missed = []
    for row in rows[2:]:
        cached = row.cached
        if cached is None:
            missed.append(f"{row.name} (anonymous): not loaded")
            continue
        if cached.timeouts:
            missed.append(f"{row.name} (anonymous): {cached.timeouts} timeouts")
        if cached.requests_per_second < floor:
            missed.append(
                f"{row.name} (anonymous): {cached.requests_per_second:,.0f} req/s, "
                f"less than half the static file's "
                f"{static.requests_per_second:,.0f}"
            )
        if cached.p99_ms >= MAX_CACHED_P99_MS:
            missed.append(
                f"{row.name} (anonymous): p99 {milliseconds(cached.p99_ms)}, "
                f"not under {MAX_CACHED_P99_MS:.0f} ms"
            )
    for name in MEMBER_PAGES:
        missed += missed_member_targets(
            next(row for row in rows if row.name == name), static
        )
    return missed


def missed_member_targets(row: Row, static: wrk.Measure) -> list[str]:
    """The targets a page rendered for a member missed: its rate, its 99th
    percentile and its queries."""
    missed = []
    member = row.member
    if member is None:
        missed.append(f"{row.name} (member): not loaded")
    elif member.requests_per_second < (
        static.requests_per_second * MIN_MEMBER_SHARE_OF_STATIC
    ):
        missed.append(
            f"{row.name} (member): {member.requests_per_second:,.0f} req/s, "
            f"less than {MIN_MEMBER_SHARE_OF_STATIC:.0%} of the static file's "
            f"{static.requests_per_second:,.0f}"
        )
    if member is not None and member.timeouts:
        missed.append(f"{row.name} (member): {member.timeouts} timeouts")
    if member is not None and member.p99_ms >= MAX_MEMBER_P99_MS:
        missed.append(
            f"{row.name} (member): p99 {milliseconds(member.p99_ms)}, "
            f"not under {MAX_MEMBER_P99_MS:.0f} ms"
        )
    if row.queries_anonymous > MAX_QUERIES_ANONYMOUS:
        missed.append(
            f"{row.name}: {row.queries_anonymous} queries anonymously, "
            f"more than {MAX_QUERIES_ANONYMOUS}"
        )
    if row.queries_member > MAX_QUERIES_MEMBER:
        missed.append(
            f"{row.name}: {row.queries_member} queries for a member, "
            f"more than {MAX_QUERIES_MEMBER}"
        )
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of load per address"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: a smaller demo and 3 seconds per address",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="build the large demo again"
    )
    parser.add_argument(
        "--markdown-out", type=Path, help="also write the table to this file"
    )
    arguments = parser.parse_args()
    seconds = 3 if arguments.quick and arguments.duration == 10 else arguments.duration
    label = "quick" if arguments.quick else "full"

    DATA.mkdir(parents=True, exist_ok=True)
    store = store_for(label)
    work = Path(tempfile.mkdtemp(prefix="theke-site-bench-"))
    environment = environment_for(
        store, os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50), work
    )
    os.environ.update(environment)
    try:
        return run(arguments, store, environment, work, seconds, label)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(arguments, store, environment, work, seconds, label) -> int:
    import django

    django.setup()
    # The project's modules need Django set up first, with this run's settings.
    from bench import site_pages

    size = site_pages.size_for(label)
    stamp = fingerprint(size.key, store.url)
    built = store.stamp.exists() and json.loads(store.stamp.read_text())
    if arguments.rebuild or not built or built.get("fingerprint") != stamp:
        print(f"Building the large demo ({size.key}) in {store.name} …", flush=True)
        started = time.perf_counter()
        store.drop()
        site_pages.build_database(size)
        took = time.perf_counter() - started
        store.stamp.write_text(json.dumps({"fingerprint": stamp, "seconds": took}))
        print(f"  built in {took:.0f} s", flush=True)
    else:
        print(f"Using the large demo built before ({store.name}).", flush=True)
    print("Collecting the static files …", flush=True)
    static_path = site_pages.collect_static(STATIC_FILE)
    counts = site_pages.summary()
    cookie = site_pages.member_cookie()
    rows = [
        Row("ceiling (constant view)", "/bench/ceiling/"),
        Row("static file", static_path),
    ]
    rows += [Row(name, path) for name, path in site_pages.pages().items()]
    try:
        print("Counting queries …", flush=True)
        discussed = site_pages.discussed()
        for row in rows[2:]:
            (
                row.queries_anonymous,
                row.queries_member,
                row.queries_rebuilt,
                row.render_seconds,
            ) = site_pages.count_queries(
                row.path, cookie, RENDER_PATIENCE, discussed.get(row.name)
            )
        site_pages.close_connections()
        print(f"Serving with gunicorn, {seconds} s of wrk per address:", flush=True)
        with gunicorn(environment, work / "gunicorn.log") as port:
            measure_all(rows, port, seconds, cookie)
    finally:
        site_pages.forget_run(cookie)

    database = f"{store.name} {site_pages.database_version()}"
    heading = (
        f"{time.strftime('%d %B %Y')}, {machine(database)}; gunicorn with 2 sync "
        f"workers, wrk -t{wrk.THREADS} -c{wrk.CONNECTIONS} -d{seconds}s; {counts}."
    )
    output = f"{heading}\n\n{table(rows)}\n"
    if notes(rows):
        output += "\n" + "".join(f"- {note}\n" for note in notes(rows))
    print()
    print(output)
    if arguments.markdown_out:
        arguments.markdown_out.write_text(output)
    missed = missed_targets(rows)
    for text in missed:
        print(f"  MISSED  {text}")
    if not missed:
        print("  Every target met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
