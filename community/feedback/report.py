"""The feedback report's numbers and chart: answers per ISO week, the share of
each face, a drop in happy answers, and the weekly chart as SVG drawn here.

Pure logic over (day, face, count) rows, as `FeedbackQuerySet.faces_by_day`
gives them; weeks are ISO weeks (Monday to Sunday, numbered by the year their
Thursday falls in), so 2027-01-03 is in 2026-W53 and 2025-12-29 in 2026-W01.
"""

import datetime
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

FACES = ("happy", "neutral", "unhappy")

# Bars from the bottom up: happy, neutral, unhappy. Dark green, light sand and
# terracotta differ in lightness too, so they stay apart without colour vision.
COLOURS = {"happy": "#2f5a3a", "neutral": "#cdbb98", "unhappy": "#a8472a"}
HIGHLIGHT = "#a8472a"

Row = tuple[datetime.date, str, int]


@dataclass
class Tally:
    """How many answers of each face, and their shares."""

    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts[face] for face in FACES)

    def share(self, face: str) -> float | None:
        """The face's share of all answers, 0 to 1; None without answers."""
        total = self.total
        return self.counts[face] / total if total else None

    def percent(self, face: str) -> int | None:
        share = self.share(face)
        return None if share is None else round(share * 100)

    def add(self, other: "Tally") -> None:
        self.counts.update(other.counts)


@dataclass
class Week(Tally):
    """The answers of one ISO week, known by its Monday."""

    monday: datetime.date = datetime.date.min

    @property
    def year(self) -> int:
        return self.monday.isocalendar().year

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def iso(self) -> str:
        """The week as ISO 8601 writes it: 2026-W53."""
        return f"{self.year}-W{self.number:02d}"


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weeks_ending(last_day: datetime.date, count: int) -> list[datetime.date]:
    """The Mondays of `count` weeks up to the week of `last_day`, oldest first."""
    last = monday_of(last_day)
    return [last - datetime.timedelta(weeks=back) for back in range(count - 1, -1, -1)]


def weekly(rows: Iterable[Row], last_day: datetime.date, count: int) -> list[Week]:
    """Answers per week for `count` weeks up to `last_day`'s, empty weeks too."""
    weeks = {monday: Week(monday=monday) for monday in weeks_ending(last_day, count)}
    for day, face, number in rows:
        week = weeks.get(monday_of(day))
        if week is not None and face in FACES:
            week.counts[face] += number
    return list(weeks.values())


def tally_by(rows: Iterable[tuple[Hashable, str, int]]) -> dict[Hashable, Tally]:
    """Answers per key (a channel, a page): (key, face, count) rows summed."""
    tallies: dict[Hashable, Tally] = {}
    for key, face, number in rows:
        if face in FACES:
            tallies.setdefault(key, Tally()).counts[face] += number
    return tallies


def pooled(weeks: Iterable[Tally]) -> Tally:
    """All answers of some weeks together."""
    together = Tally()
    for week in weeks:
        together.add(week)
    return together


@dataclass(frozen=True)
class Drop:
    """This week's share of happy answers against the four weeks before it."""

    week: Week
    now: int
    before: int

    @property
    def points(self) -> int:
        return self.before - self.now


def happy_drop(weeks: list[Week], *, points: float, min_answers: int) -> Drop | None:
    """The drop of the last week's happy share, when it is at least `points`
    percentage points below the share of the four weeks before taken together;
    None when it is not, or there are too few answers to say."""
    if len(weeks) < 5:
        return None
    week, before = weeks[-1], pooled(weeks[-5:-1])
    if week.total < max(min_answers, 1) or not before.total:
        return None
    fall = (before.share("happy") - week.share("happy")) * 100
    if fall < points:
        return None
    return Drop(week, week.percent("happy"), before.percent("happy"))


def week_label(week: Week) -> str:
    return _("W%(week)d") % {"week": week.number}


def percent_label(value: int) -> str:
    return _("%(percent)d%%") % {"percent": value}


# The chart's geometry, in the units of its viewBox.
WIDTH, HEIGHT = 720, 250
LEFT, RIGHT, TOP, BOTTOM = 46, 8, 10, 42


def chart_svg(
    weeks: list[Week],
    *,
    title: str,
    description: str,
    labels: dict[str, str],
    drop: Drop | None = None,
    chart_id: str = "feedback-chart",
) -> SafeString:
    """Stacked bars of each week's shares of happy, neutral and unhappy answers.

    `labels` name the faces; `title` and `description` become the chart's
    accessible name and description; a `drop` outlines its week. Every text
    that goes in is escaped here. Made to sit inside an HTML page, it names no
    namespace (HTML's parser gives it SVG's).
    """
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(weeks), 1)
    bar = step * 0.7
    every = 1 if len(weeks) <= 13 else (2 if len(weeks) <= 26 else 4)
    parts = [
        f'<svg class="feedback-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]
    for share in (0, 50, 100):
        y = TOP + plot_height * (1 - share / 100)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="currentColor" stroke-opacity="0.25"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="currentColor">{escape(percent_label(share))}</text>'
        )
    previous_year = None
    for index, week in enumerate(weeks):
        x = LEFT + index * step + (step - bar) / 2
        parts.append(_bar(week, x, bar, plot_height, labels))
        if drop is not None and week.monday == drop.week.monday:
            parts.append(
                f'<rect x="{x - 2:.1f}" y="{TOP - 2}" width="{bar + 4:.1f}" '
                f'height="{plot_height + 4}" fill="none" stroke="{HIGHLIGHT}" '
                f'stroke-width="3"/>'
            )
        centre = x + bar / 2
        if index % every == 0 or index == len(weeks) - 1:
            parts.append(
                f'<text x="{centre:.1f}" y="{TOP + plot_height + 16}" '
                f'text-anchor="middle" font-size="11" fill="currentColor">'
                f"{escape(week_label(week))}</text>"
            )
        if week.year != previous_year:
            parts.append(
                f'<text x="{centre:.1f}" y="{TOP + plot_height + 32}" '
                f'text-anchor="middle" font-size="11" fill="currentColor" '
                f'fill-opacity="0.75">{week.year}</text>'
            )
            previous_year = week.year
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _bar(week: Week, x: float, width: float, height: float, labels) -> str:
    if not week.total:
        tip = _("%(week)s: no answers") % {"week": week_label(week)}
        return (
            f'<rect x="{x:.1f}" y="{TOP}" width="{width:.1f}" height="{height}" '
            f'fill="none" stroke="currentColor" stroke-opacity="0.3" '
            f'stroke-dasharray="3 3"><title>{escape(tip)}</title></rect>'
        )
    parts, bottom = [], TOP + height
    for face in FACES:
        count = week.counts[face]
        if not count:
            continue
        part = height * count / week.total
        bottom -= part
        tip = _("%(week)s: %(face)s %(percent)s (%(count)d of %(total)d)") % {
            "week": week_label(week),
            "face": labels[face],
            "percent": percent_label(week.percent(face)),
            "count": count,
            "total": week.total,
        }
        parts.append(
            f'<rect x="{x:.1f}" y="{bottom:.1f}" width="{width:.1f}" '
            f'height="{part:.1f}" fill="{COLOURS[face]}">'
            f"<title>{escape(tip)}</title></rect>"
        )
    return "".join(parts)
