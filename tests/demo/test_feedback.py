"""The demo's feedback: months of answers, the same each time, with a trend the
report shows and this week's drop highlighted."""

import datetime

import pytest

from community.feedback import report
from community.models import Feedback
from demo.feedback import WEEKS, build_feedback_demo
from demo.run import DemoRun
from tests.factories import BlogPageFactory, ProductFactory, build_site

pytestmark = pytest.mark.django_db

# A Wednesday: the demo's week so far has three days.
TODAY = datetime.date(2026, 12, 9)


@pytest.fixture
def shop():
    home, blog, __ = build_site()
    BlogPageFactory(parent=blog, title="Sauerteig zu Hause")
    ProductFactory()
    return home


def load(home, today=TODAY):
    run = DemoRun(site=None, home=home)
    build_feedback_demo(run, today=today)
    return run


def answers():
    rows = Feedback.objects.values_list(
        "day", "face", "channel", "page_id", "product_id", "comment"
    )
    return sorted(rows, key=lambda row: [str(value) for value in row])


def test_the_demo_feedback_is_the_same_each_time_and_built_once(shop):
    run = load(shop)
    first = answers()
    load(shop)

    assert answers() == first
    assert run.created["feedback answer"][1] == len(first) > 300

    Feedback.objects.all().delete()
    load(shop)
    assert answers() == first


def test_the_demo_feedback_spans_months_up_to_today(shop):
    load(shop)
    days = list(Feedback.objects.values_list("day", flat=True))

    assert max(days) <= TODAY
    assert (TODAY - min(days)).days >= 7 * (WEEKS - 1)
    assert {"web", "counter", "delivery", "online"} == set(
        Feedback.objects.values_list("channel", flat=True)
    )
    assert Feedback.objects.filter(page__isnull=False).exists()
    assert Feedback.objects.filter(product__isnull=False).exists()
    assert Feedback.objects.with_comments().count() > 20


def test_the_demo_feedback_rises_for_months_and_drops_this_week(shop):
    load(shop)

    weeks = report.weekly(Feedback.objects.faces_by_day(), TODAY, WEEKS)
    early = report.pooled(weeks[:4]).percent("happy")
    late = report.pooled(weeks[-5:-1]).percent("happy")
    drop = report.happy_drop(weeks, points=10, min_answers=5)

    assert all(week.total for week in weeks)
    assert late - early >= 10
    assert drop is not None
    assert drop.week is weeks[-1]


def test_on_a_monday_the_week_so_far_is_that_day(shop):
    monday = datetime.date(2026, 12, 7)
    load(shop, today=monday)

    this_week = Feedback.objects.filter(day__gte=monday)

    assert set(this_week.values_list("day", flat=True)) == {monday}
    assert this_week.count() >= 10
