"""Driving wrk against one address and reading its report."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from dataclasses import dataclass

THREADS = 2
CONNECTIONS = 16
# Longer than wrk's 2 s: a slow page under load is measured, not dropped.
TIMEOUT = "10s"

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_LATENCY = r"([\d.]+)(us|ms|s|m)\b"


class WrkError(RuntimeError):
    """wrk failed, or the server answered with errors while it measured."""


@dataclass(frozen=True)
class Measure:
    """What wrk measured at one address: requests per second, and the median
    and 99th percentile latency in milliseconds."""

    requests_per_second: float
    median_ms: float
    p99_ms: float
    requests: int
    # Requests without an answer within TIMEOUT: not in the latencies.
    timeouts: int = 0


def command(url: str, seconds: int, headers: dict[str, str]) -> list[str]:
    arguments = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}",
        "--latency",
    ]
    for name, value in headers.items():
        arguments += ["-H", f"{name}: {value}"]
    return [*arguments, url]


def run(url: str, seconds: int, headers: dict[str, str]) -> Measure:
    """Load `url` for `seconds` and return what wrk measured."""
    if shutil.which("wrk") is None:
        raise WrkError("wrk is not installed (Debian: apt-get install wrk).")
    completed = subprocess.run(  # noqa: S603 (wrk, with our own arguments)
        command(url, seconds, headers),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise WrkError(f"wrk failed on {url}: {completed.stderr.strip()}")
    return parse(completed.stdout, url)


def parse(report: str, url: str = "") -> Measure:
    """The figures of a `wrk --latency` report; errors in it raise WrkError."""
    errors = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", report)
    if errors:
        raise WrkError(f"{url} answered {errors[1]} requests with an error status.")
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
        report,
    )
    if sockets and (int(sockets[1]) or int(sockets[3])):
        raise WrkError(f"{url}: {sockets[0]}")
    timeouts = int(sockets[4]) if sockets else 0
    rate = re.search(r"Requests/sec:\s*([\d.]+)", report)
    median = re.search(rf"^\s*50%\s+{_LATENCY}", report, re.MULTILINE)
    p99 = re.search(rf"^\s*99%\s+{_LATENCY}", report, re.MULTILINE)
    total = re.search(r"(\d+) requests in", report)
    if not (rate and total):
        raise WrkError(f"Cannot read wrk's report for {url}:\n{report}")
    if int(total[1]) == 0 or not (median and p99):
        # Not one answer in time: slower than anything the table could show.
        return Measure(float(rate[1]), math.inf, math.inf, int(total[1]), timeouts)
    return Measure(
        requests_per_second=float(rate[1]),
        median_ms=float(median[1]) * _UNITS[median[2]],
        p99_ms=float(p99[1]) * _UNITS[p99[2]],
        requests=int(total[1]),
        timeouts=timeouts,
    )
