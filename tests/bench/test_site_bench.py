"""Reading wrk's reports and judging a run against the targets."""

import math

import pytest

from bench import wrk
from bench.site_bench import Row, missed_targets, notes, table

REPORT = """Running 10s test @ http://127.0.0.1:8200/blog/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.10ms    2.31ms  41.20ms   88.12%
    Req/Sec     1.31k   120.40     1.60k    71.00%
  Latency Distribution
     50%  812.00us
     75%    6.90ms
     90%    8.80ms
     99%    1.02s
  26105 requests in 10.01s, 310.44MB read
Requests/sec:   2608.53
Transfer/sec:     31.01MB
"""


def test_a_report_gives_the_rate_the_median_and_the_99th_percentile():
    measure = wrk.parse(REPORT)

    assert measure == wrk.Measure(
        requests_per_second=2608.53, median_ms=0.812, p99_ms=1020.0, requests=26105
    )


def test_error_answers_stop_the_run():
    report = REPORT.replace(
        "Requests/sec", "  Non-2xx or 3xx responses: 12\nRequests/sec"
    )

    with pytest.raises(wrk.WrkError, match="12 requests with an error status"):
        wrk.parse(report, "/blog/")


def test_requests_that_timed_out_are_counted():
    report = REPORT.replace(
        "Requests/sec",
        "  Socket errors: connect 0, read 0, write 0, timeout 3\nRequests/sec",
    )

    assert wrk.parse(report, "/blog/").timeouts == 3


def test_a_server_that_refuses_connections_stops_the_run():
    report = REPORT.replace(
        "Requests/sec",
        "  Socket errors: connect 16, read 0, write 0, timeout 0\nRequests/sec",
    )

    with pytest.raises(wrk.WrkError, match="connect 16"):
        wrk.parse(report, "/blog/")


def test_a_page_that_never_answered_counts_as_infinitely_slow():
    report = (
        "  Latency Distribution\n"
        "     50%    0.00us\n"
        "     99%    0.00us\n"
        "  0 requests in 3.00s, 0.00B read\n"
        "Requests/sec:      0.00\n"
    )

    measure = wrk.parse(report)

    assert measure.requests == 0
    assert math.isinf(measure.p99_ms)


def rows(
    static=1000.0,
    page=600.0,
    page_p99=8.0,
    member=150.0,
    queries=(12, 18),
    thread_member=150.0,
    thread_queries=(8, 9),
):
    def measure(rate, p99=5.0):
        return wrk.Measure(rate, p99 / 2, p99, int(rate * 10))

    return [
        Row("ceiling (constant view)", "/bench/ceiling/", measure(2000.0)),
        Row("static file", "/static/css/theke.css", measure(static)),
        Row("home", "/", measure(page, page_p99), measure(90.0), 0, 9),
        Row(
            "post, 200 comments",
            "/blog/post/",
            measure(page, page_p99),
            measure(member, 120.0),
            *queries,
        ),
        Row(
            "thread, 1,000 comments",
            "/community/thread/",
            measure(600.0),
            measure(thread_member, 120.0),
            *thread_queries,
        ),
    ]


def test_a_run_within_every_target_misses_none():
    assert missed_targets(rows()) == []


def test_a_cached_page_slower_than_half_the_static_file_misses_its_target():
    missed = missed_targets(rows(page=400.0))

    assert missed == [
        "home (anonymous): 400 req/s, less than half the static file's 1,000",
        "post, 200 comments (anonymous): 400 req/s, "
        "less than half the static file's 1,000",
    ]


def test_the_members_post_misses_on_speed_and_on_queries():
    missed = missed_targets(rows(page_p99=25.0, member=15.0, queries=(16, 21)))

    assert missed == [
        "home (anonymous): p99 25.0 ms, not under 20 ms",
        "post, 200 comments (anonymous): p99 25.0 ms, not under 20 ms",
        "post, 200 comments (member): 15 req/s, "
        "less than 2% of the static file's 1,000",
        "post, 200 comments: 16 queries anonymously, more than 15",
        "post, 200 comments: 21 queries for a member, more than 20",
    ]


def test_the_page_of_the_long_thread_has_the_members_targets_too():
    missed = missed_targets(rows(thread_member=15.0, thread_queries=(16, 21)))

    assert missed == [
        "thread, 1,000 comments (member): 15 req/s, "
        "less than 2% of the static file's 1,000",
        "thread, 1,000 comments: 16 queries anonymously, more than 15",
        "thread, 1,000 comments: 21 queries for a member, more than 20",
    ]


def test_a_page_too_slow_to_answer_is_left_out_and_misses_its_targets():
    slow = rows()
    slow[3].member = None
    slow[3].skipped["member"] = "no answer within 40 s (TimeoutError)"

    assert missed_targets(slow) == ["post, 200 comments (member): not loaded"]
    assert "| not loaded | – | – |" in table(slow)
    assert notes(slow) == [
        "post, 200 comments (member): no answer within 40 s (TimeoutError), not loaded"
    ]


def test_the_table_shows_each_page_beside_the_ceiling():
    lines = table(rows()).splitlines()

    assert lines[0].startswith("| page | cached req/s | median | p99 |")
    assert lines[2].split(" | ") == [
        "| ceiling (constant view)",
        *("2,000", "2.5 ms", "5.0 ms", "1.00"),
        *("–", "–", "–", "–", "–", "– |"),
    ]
    assert lines[4].split(" | ") == [
        "| home",
        *("600", "4.0 ms", "8.0 ms", "0.30"),
        *("90", "2.5 ms", "5.0 ms", "0", "9", "– |"),
    ]
