"""A reader answers the feedback faces and adds a comment, with JavaScript and
without; a moderator opens the feedback report and sees the weekly chart."""

import datetime
import re

import pytest
from django.utils import timezone

from community.models import Feedback
from tests.factories import (
    PASSWORD,
    WIDTHS,
    BlogPageFactory,
    build_site,
    describe,
    staff,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Sauerteig zu Hause")


def english(context, live_server):
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )


@pytest.fixture
def page(context, live_server):
    english(context, live_server)
    return context.new_page()


@pytest.fixture
def page_without_script(browser, live_server):
    context = browser.new_context(
        locale="de-DE",
        viewport={"width": WIDTHS["narrow"], "height": 900},
        java_script_enabled=False,
    )
    context.set_default_timeout(10_000)
    english(context, live_server)
    yield context.new_page()
    context.close()


def test_a_reader_clicks_a_face_and_adds_a_comment_in_place(live_server, page, post):
    from playwright.sync_api import expect

    page.goto(live_server.url + post.url)
    page.evaluate("window.notReloaded = true")
    cookies_of_the_page = page.context.cookies()
    faces = page.locator("section.feedback")
    happy = faces.get_by_role("button", name="Happy", exact=True)

    happy.click()

    expect(faces.get_by_role("status")).to_have_text(
        "Thank you! Your answer is stored."
    )
    expect(happy).to_have_attribute("aria-pressed", "true")
    # A second thought from the same page view changes the answer.
    faces.get_by_role("button", name="Neutral", exact=True).click()
    expect(happy).to_have_attribute("aria-pressed", "false")
    comment = faces.get_by_label(re.compile("tell us more"))
    comment.fill("<b>Mehr</b> Bilder vom Teig, bitte.")
    faces.get_by_role("button", name="Send comment").click()
    expect(faces.get_by_role("alert")).to_contain_text("HTML")
    expect(comment).to_have_value("<b>Mehr</b> Bilder vom Teig, bitte.")
    comment.fill("Mehr Bilder vom Teig, bitte.")
    faces.get_by_role("button", name="Send comment").click()

    expect(faces.get_by_role("status")).to_have_text(
        "Thank you for your comment. We read every one."
    )
    expect(comment).to_be_hidden()
    assert page.evaluate("window.notReloaded") is True
    answer = Feedback.objects.get()
    assert (answer.face, answer.page_id, answer.comment) == (
        "neutral",
        post.pk,
        "Mehr Bilder vom Teig, bitte.",
    )
    # Answering and commenting set no cookie of their own.
    assert page.context.cookies() == cookies_of_the_page


def test_a_reader_without_javascript_answers_and_comments_on_pages_of_their_own(
    live_server, page_without_script
):
    from playwright.sync_api import expect

    page = page_without_script
    page.goto(live_server.url + "/feedback/?channel=delivery")
    expect(page.get_by_role("heading", level=1)).to_have_text("How was your delivery?")

    page.get_by_role("button", name="Unhappy", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you!")
    expect(page.get_by_text("Your answer: Unhappy")).to_be_visible()
    answer = Feedback.objects.get()
    assert (answer.face, answer.channel, answer.comment) == ("unhappy", "delivery", "")
    page.get_by_label(re.compile("tell us more")).fill("Die Butter kam weich an.")
    page.get_by_role("button", name="Send comment").click()

    expect(page.get_by_role("status")).to_have_text(
        "Thank you for your comment. We read every one."
    )
    answer.refresh_from_db()
    assert answer.comment == "Die Butter kam weich an."
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_feedback_page_and_the_faces_under_a_post_have_no_violations(
    live_server, page, post, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/feedback/?channel=counter")
    found = violations(page)
    assert found == [], describe(found, "/feedback/?channel=counter")

    page.goto(live_server.url + post.url)
    page.locator("section.feedback").get_by_role(
        "button", name="Happy", exact=True
    ).click()
    page.locator("[data-feedback-comment]").wait_for(state="visible")
    found = violations(page)
    assert found == [], describe(found, f"{post.url} after a click")


def test_a_moderator_opens_the_feedback_report_and_sees_the_chart(live_server, page):
    from playwright.sync_api import expect

    today = timezone.localdate()
    for weeks_back, faces in enumerate(["hhhhn", "hhhnu", "hhnuu"]):
        day = today - datetime.timedelta(weeks=weeks_back)
        names = {"h": "happy", "n": "neutral", "u": "unhappy"}
        Feedback.objects.bulk_create(
            Feedback(face=names[face], day=day, channel="counter") for face in faces
        )
    Feedback.objects.create(
        face="unhappy", day=today, channel="delivery", comment="Kam zu spät."
    )
    staff("Mona Moderation", "mona@example.org", groups=["Community moderators"])

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "mona@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").click()
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Feedback", exact=True).click()

    chart = page.get_by_role(
        "img", name="Share of happy, neutral and unhappy answers per week"
    )
    expect(chart).to_be_visible()
    assert chart.locator("rect").count() >= 6
    expect(page.get_by_text("16 answers in this period.")).to_be_visible()
    expect(page.get_by_role("cell", name="Kam zu spät.")).to_be_visible()
    page.get_by_text("The numbers per week as a table").click()
    expect(
        page.get_by_role("rowheader", name=re.compile(r"^W\d+, \d{4}$")).first
    ).to_be_visible()
