"""Feedback for staff: the report under Reports, its filters and CSV, the
dashboard panel, and who may see them."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.feedback import report
from community.models import Feedback
from tests.factories import (
    BlogPageFactory,
    ProductFactory,
    build_site,
    staff,
)

pytestmark = pytest.mark.django_db

REPORT = "/admin/feedback/"
MODERATORS = "Community moderators"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Sauerteig zu Hause")


@pytest.fixture
def moderator():
    return staff("Mira Moderatorin", groups=[MODERATORS])


@pytest.fixture
def editor():
    return staff("Eddi Redakteur", permissions=["access_admin"])


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def answers(face, count, day=None, **fields):
    Feedback.objects.bulk_create(
        Feedback(face=face, day=day or timezone.localdate(), **fields)
        for __ in range(count)
    )


def test_moderators_may_read_the_feedback():
    group = Group.objects.get(name=MODERATORS)

    assert group.permissions.filter(
        codename="view_feedback", content_type__app_label="community"
    ).exists()


def test_moderators_find_the_report_under_reports_and_editors_do_not(
    client, moderator, editor
):
    client.force_login(moderator)
    menu = client.get("/admin/").content.decode()
    report = client.get(REPORT)

    assert 'href="/admin/feedback/"' in menu
    assert report.status_code == 200

    client.force_login(editor)
    assert 'href="/admin/feedback/"' not in client.get("/admin/").content.decode()
    refused = client.get(REPORT)
    assert refused.status_code == 302
    assert client.get(f"{REPORT}?export=csv").status_code == 302


def test_the_report_shows_the_weekly_chart_channels_pages_and_comments(
    client, moderator, post
):
    product = ProductFactory(title="Heumilch-Bergkäse")
    answers("happy", 3, page=post)
    answers("unhappy", 1, product=product)
    answers("neutral", 2, channel="counter")
    Feedback.objects.create(
        face="unhappy",
        day=days_ago(1),
        channel="delivery",
        comment="Die Milch kam <b>warm</b> an.",
    )
    client.force_login(moderator)

    html = client.get(REPORT).content.decode()

    assert '<svg class="feedback-chart"' in html
    assert 'role="img"' in html
    assert "Share of happy, neutral and unhappy answers per week" in html
    assert "7 answers from week" in html
    assert "Sauerteig zu Hause" in html
    assert "Product: Heumilch-Bergkäse" in html
    assert "No page: /feedback/ and its channels" in html
    assert "At the counter" in html
    assert "Die Milch kam &lt;b&gt;warm&lt;/b&gt; an." in html
    assert "Fewer happy answers" not in html


def test_a_drop_in_happy_answers_is_highlighted(client, moderator, settings):
    settings.COMMUNITY_FEEDBACK_DROP_MIN_ANSWERS = 4
    for weeks_back in range(1, 5):
        answers("happy", 4, day=days_ago(7 * weeks_back))
        answers("neutral", 1, day=days_ago(7 * weeks_back))
    answers("happy", 1)
    answers("unhappy", 3)
    client.force_login(moderator)

    html = client.get(REPORT).content.decode()

    assert "Fewer happy answers this week." in html
    assert "25% of this week's answers are happy, against 80% in the four" in html
    assert 'stroke="#a8472a" stroke-width="3"' in html


def test_the_filters_narrow_the_report_to_a_channel_a_page_and_a_period(
    client, moderator, post
):
    answers("happy", 2, page=post)
    answers("unhappy", 3, channel="counter")
    answers("neutral", 5, day=days_ago(200), channel="counter")
    client.force_login(moderator)

    counter = client.get(REPORT, {"channel": "counter"}).content.decode()
    on_post = client.get(REPORT, {"place": f"page:{post.pk}"}).content.decode()
    year = client.get(REPORT, {"channel": "counter", "weeks": 52}).content.decode()
    nonsense = client.get(REPORT, {"channel": "x", "weeks": "7", "place": "page:abc"})

    assert "3 answers from week" in counter
    assert "2 answers from week" in on_post
    assert "8 answers from week" in year
    assert nonsense.status_code == 200
    assert "5 answers from week" in nonsense.content.decode()


def test_the_csv_holds_every_answer_of_the_filters_for_german_excel(
    client, moderator, post
):
    answers("happy", 2, page=post)
    Feedback.objects.create(
        face="unhappy", day=days_ago(2), channel="counter", comment="=HYPERLINK(1)"
    )
    answers("neutral", 1, day=days_ago(400))
    client.force_login(moderator)

    response = client.get(REPORT, {"export": "csv", "weeks": 12})
    text = response.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="feedback-')
    assert text.startswith("\ufeff")
    assert rows[0] == ["Day", "Week", "Answer", "Channel", "Page", "Comment"]
    assert len(rows) == 4
    assert rows[1][2:] == [
        "Unhappy",
        "At the counter",
        "No page: /feedback/ and its channels",
        "'=HYPERLINK(1)",
    ]
    assert (
        rows[1][1]
        == f"{days_ago(2).isocalendar().year}-W{days_ago(2).isocalendar().week:02d}"
    )
    assert {tuple(row[2:5]) for row in rows[2:]} == {
        ("Happy", "Website", "Sauerteig zu Hause")
    }


def test_the_dashboard_shows_the_last_weeks_to_those_who_may_read_them(
    client, moderator, editor
):
    answers("happy", 3)
    answers("unhappy", 1)
    client.force_login(moderator)

    dashboard = client.get("/admin/").content.decode()

    assert "Feedback of the last weeks" in dashboard
    assert "This week: 4 answers, 75% happy." in dashboard
    assert 'id="feedback-panel-chart"' in dashboard

    client.force_login(editor)
    assert "Feedback of the last weeks" not in client.get("/admin/").content.decode()


def test_the_report_takes_the_same_queries_however_many_pages_have_answers(
    client, moderator, post
):
    """A page or product more costs no query: names come in one query each."""
    client.force_login(moderator)
    answers("happy", 1, page=post)
    answers("happy", 1, product=ProductFactory())
    client.get(REPORT)
    with CaptureQueriesContext(connection) as few:
        client.get(REPORT)

    for number in range(6):
        other = BlogPageFactory(parent=post.get_parent(), title=f"Beitrag {number}")
        answers("neutral", 2, page=other)
        answers("unhappy", 1, product=ProductFactory())
        Feedback.objects.create(face="happy", day=days_ago(1), comment=f"Gut {number}")
    with CaptureQueriesContext(connection) as many:
        client.get(REPORT)

    assert len(many) == len(few)


def test_answers_stored_across_a_year_end_are_counted_in_their_iso_weeks():
    for day, face in [
        (datetime.date(2026, 12, 27), "happy"),  # Sunday of 2026-W52
        (datetime.date(2026, 12, 28), "unhappy"),  # Monday of 2026-W53
        (datetime.date(2027, 1, 3), "happy"),  # Sunday of 2026-W53
        (datetime.date(2027, 1, 4), "neutral"),  # Monday of 2027-W01
    ]:
        answers(face, 2, day=day)

    weeks = report.weekly(Feedback.objects.faces_by_day(), datetime.date(2027, 1, 6), 3)

    assert [(week.iso, dict(week.counts)) for week in weeks] == [
        ("2026-W52", {"happy": 2}),
        ("2026-W53", {"unhappy": 2, "happy": 2}),
        ("2027-W01", {"neutral": 2}),
    ]
