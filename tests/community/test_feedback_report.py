"""The feedback report's numbers, without HTTP: ISO weeks across year ends,
shares, the drop in happy answers, the chart's SVG and the CSV for Excel."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from community.feedback import report
from community.feedback.export import as_text, to_csv

D = datetime.date
LABELS = {"happy": "Happy", "neutral": "Neutral", "unhappy": "Unhappy"}
# Inside HTML the chart names no XML namespace.
SVG = ""


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 - our own output


def shares(week):
    return [week.percent(face) for face in report.FACES]


# ISO weeks


def test_the_weeks_of_a_report_run_through_a_53rd_week_into_the_new_year():
    weeks = report.weekly([], D(2027, 1, 6), 3)

    assert [week.iso for week in weeks] == ["2026-W52", "2026-W53", "2027-W01"]
    assert [week.monday for week in weeks] == [
        D(2026, 12, 21),
        D(2026, 12, 28),
        D(2027, 1, 4),
    ]


def test_answers_are_counted_in_their_iso_week_across_the_year_end():
    rows = [
        (D(2026, 12, 27), "happy", 2),  # a Sunday: still 2026-W52
        (D(2026, 12, 28), "happy", 1),  # Monday of 2026-W53
        (D(2027, 1, 1), "unhappy", 1),  # New Year's Day: still 2026-W53
        (D(2027, 1, 3), "neutral", 2),  # the Sunday that ends 2026-W53
        (D(2027, 1, 4), "happy", 5),  # Monday of 2027-W01
    ]

    weeks = report.weekly(rows, D(2027, 1, 10), 3)

    assert [(week.iso, week.total) for week in weeks] == [
        ("2026-W52", 2),
        ("2026-W53", 4),
        ("2027-W01", 5),
    ]
    assert shares(weeks[1]) == [25, 50, 25]


def test_the_last_days_of_a_calendar_year_may_open_the_next_iso_year():
    rows = [(D(2025, 12, 29), "happy", 1), (D(2025, 12, 28), "unhappy", 1)]

    weeks = report.weekly(rows, D(2026, 1, 1), 2)

    assert [(week.iso, week.year, week.number) for week in weeks] == [
        ("2025-W52", 2025, 52),
        ("2026-W01", 2026, 1),
    ]
    assert [week.counts["happy"] for week in weeks] == [0, 1]
    assert [week.counts["unhappy"] for week in weeks] == [1, 0]


def test_weeks_without_answers_are_kept_and_answers_outside_are_left_out():
    rows = [
        (D(2026, 11, 1), "happy", 9),  # before the first week
        (D(2026, 11, 18), "neutral", 1),
        (D(2026, 12, 8), "happy", 9),  # after the last day's week
    ]

    weeks = report.weekly(rows, D(2026, 12, 6), 4)

    assert [week.total for week in weeks] == [0, 1, 0, 0]
    assert shares(weeks[0]) == [None, None, None]


def test_rows_split_by_channel_or_page_add_up():
    tallies = report.tally_by(
        [
            ("counter", "happy", 3),
            ("counter", "unhappy", 1),
            ("web", "neutral", 2),
            ("counter", "happy", 4),
        ]
    )

    assert tallies["counter"].total == 8
    assert tallies["counter"].percent("happy") == 88
    assert shares(tallies["web"]) == [0, 100, 0]


# The drop in happy answers


LAST_DAY = D(2026, 12, 9)


def weeks_with(*happy_and_total, last_day=LAST_DAY):
    rows = []
    mondays = report.weeks_ending(last_day, len(happy_and_total))
    for monday, (happy, total) in zip(mondays, happy_and_total, strict=True):
        rows += [(monday, "happy", happy), (monday, "unhappy", total - happy)]
    return report.weekly(rows, last_day, len(happy_and_total))


def test_a_week_far_below_the_four_before_is_a_drop():
    weeks = weeks_with((8, 10), (16, 20), (7, 10), (9, 10), (5, 10))

    drop = report.happy_drop(weeks, points=10, min_answers=5)

    assert drop is not None
    # The four weeks before together: 40 happy of 50 answers.
    assert (drop.now, drop.before, drop.points) == (50, 80, 30)
    assert drop.week is weeks[-1]


def test_the_four_weeks_before_are_weighed_by_their_answers():
    # Three quiet weeks all happy, one busy week mostly not: the weeks' shares
    # average 78 %, all their answers together are 13 % happy.
    weeks = weeks_with((1, 1), (1, 1), (1, 1), (10, 97), (6, 10))

    drop = report.happy_drop(weeks, points=10, min_answers=5)

    assert drop is None
    assert report.pooled(weeks[-5:-1]).percent("happy") == 13


@pytest.mark.parametrize(
    ("this_week", "expected"),
    [((8, 10), False), ((7, 10), True), ((2, 4), False)],
    ids=["small dip", "at the threshold", "too few answers"],
)
def test_only_a_clear_drop_with_enough_answers_is_highlighted(this_week, expected):
    weeks = weeks_with((8, 10), (8, 10), (8, 10), (8, 10), this_week)

    drop = report.happy_drop(weeks, points=10, min_answers=5)

    assert (drop is not None) is expected


def test_no_drop_without_four_weeks_before_or_answers_in_them():
    assert report.happy_drop(weeks_with((1, 10)), points=10, min_answers=1) is None
    empty_before = weeks_with((0, 0), (0, 0), (0, 0), (0, 0), (1, 10))
    assert report.happy_drop(empty_before, points=10, min_answers=1) is None


# The chart


def test_the_chart_is_svg_with_a_name_a_description_and_a_bar_per_face():
    weeks = report.weekly(
        [(D(2026, 12, 28), "happy", 3), (D(2026, 12, 29), "unhappy", 1)],
        D(2027, 1, 4),
        2,
    )

    svg = report.chart_svg(
        weeks, title="Answers per week", description="Two weeks.", labels=LABELS
    )
    root = parse(svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "feedback-chart-title feedback-chart-desc"
    assert root.find(f"{SVG}title").text == "Answers per week"
    assert root.find(f"{SVG}desc").text == "Two weeks."
    tips = [rect.find(f"{SVG}title").text for rect in root.iter(f"{SVG}rect")]
    assert tips == [
        "W53: Happy 75% (3 of 4)",
        "W53: Unhappy 25% (1 of 4)",
        "W1: no answers",
    ]
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert {"W53", "W1", "2026", "2027", "0%", "50%", "100%"} <= set(labels)


def test_the_bars_of_a_week_fill_the_height_in_proportion():
    weeks = report.weekly(
        [(D(2026, 12, 7), "happy", 1), (D(2026, 12, 7), "neutral", 3)],
        D(2026, 12, 7),
        1,
    )

    root = parse(report.chart_svg(weeks, title="t", description="d", labels=LABELS))
    heights = [float(rect.get("height")) for rect in root.iter(f"{SVG}rect")]

    plot = report.HEIGHT - report.TOP - report.BOTTOM
    assert heights == pytest.approx([plot / 4, plot * 3 / 4], abs=0.1)


def test_the_chart_outlines_the_week_of_a_drop_and_escapes_its_words():
    weeks = weeks_with((8, 10), (8, 10), (8, 10), (8, 10), (2, 10))
    drop = report.happy_drop(weeks, points=10, min_answers=5)

    svg = report.chart_svg(
        weeks,
        title="<script>alert(1)</script>",
        description='"quoted" & more',
        labels={**LABELS, "happy": "<b>Happy</b>"},
        drop=drop,
    )
    root = parse(svg)

    assert "<script>" not in svg and "<b>" not in svg
    assert root.find(f"{SVG}title").text == "<script>alert(1)</script>"
    outlined = [
        rect
        for rect in root.iter(f"{SVG}rect")
        if rect.get("stroke") == report.HIGHLIGHT
    ]
    assert len(outlined) == 1


def test_the_chart_speaks_german_in_german():
    weeks = report.weekly([(D(2026, 12, 7), "happy", 1)], D(2026, 12, 7), 1)

    with translation.override("de"):
        svg = report.chart_svg(weeks, title="t", description="d", labels=LABELS)

    labels = [text.text for text in parse(svg).iter(f"{SVG}text")]
    assert "KW 50" in labels
    assert "50\u00a0%" in labels


# The CSV for a spreadsheet


def test_the_csv_opens_in_german_excel_as_it_is():
    data = to_csv(
        ["Tag", "Antwort", "Kommentar"],
        [
            ["2026-12-07", "Zufrieden", "Käse; süß, lecker"],
            ["2026-12-08", "Neutral", ""],
        ],
    )

    assert data.startswith("\ufeff")
    assert "\r\n" in data
    rows = list(csv.reader(io.StringIO(data.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        ["Tag", "Antwort", "Kommentar"],
        ["2026-12-07", "Zufrieden", "Käse; süß, lecker"],
        ["2026-12-08", "Neutral", ""],
    ]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+49 30 1234", "'+49 30 1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tversteckt", "'\tversteckt"),
        ("Alles gut = prima", "Alles gut = prima"),
        (None, ""),
    ],
)
def test_a_comment_that_looks_like_a_formula_is_written_as_text(typed, written):
    assert as_text(typed) == written
