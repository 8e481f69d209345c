"""A member marks a comment helpful in place and reports another; the discussion,
the board and a topic pass axe-core with reactions on show."""

import re

import pytest

from community.models import (
    BoardCategory,
    CommunityIndexPage,
    Reaction,
    Report,
    Topic,
)
from tests.factories import (
    WIDTHS,
    BlogPageFactory,
    add_comment,
    build_site,
    describe,
    log_in,
    member,
    publish,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def talk():
    """A post and a board topic where three members talk and react."""
    home, blog, __ = build_site()
    board = CommunityIndexPage(title="Gemeinschaft", slug="community")
    home.add_child(instance=board)
    publish(board)
    post = BlogPageFactory(parent=blog, title="Sauerteig zu Hause")
    jana = member("Jana Petersen", "jana@example.org", verified=True)
    matthias = member("Matthias Krüger", "matthias@example.org", verified=True)
    ayse = member("Ayşe Demir", "ayse@example.org", verified=True)
    question = add_comment(post, matthias, "Mein Anstellgut hat einen grauen Film.")
    answer = add_comment(post, ayse, "Das ist nur Hooch: abgießen, füttern.", question)
    rude = add_comment(post, matthias, "Wer Sauerteig kauft, ist selbst schuld.")
    Reaction.objects.create(comment=answer, user=matthias, kind="helpful")
    Reaction.objects.create(comment=question, user=ayse, kind="thanks")
    topic = Topic.objects.create(
        category=BoardCategory.objects.create(name="Rezepte", slug="rezepte"),
        author=matthias,
        title="Welches Mehl für Sauerteig?",
        slug="welches-mehl",
        body="Roggen oder Dinkel?",
        body_html="<p>Roggen oder Dinkel?</p>",
        last_activity_at=question.submit_date,
    )
    reply = add_comment(topic, ayse, "Roggen Type 1150 reicht für den Anfang.")
    Reaction.objects.create(comment=reply, user=jana, kind="helpful")
    return {"post": post, "answer": answer, "rude": rude, "topic": topic}


@pytest.fixture
def page(context, live_server):
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


def test_a_member_marks_a_comment_helpful_in_place_and_reports_another(
    live_server, page, talk
):
    from playwright.sync_api import expect

    log_in(page, live_server, "jana@example.org")
    page.goto(live_server.url + talk["post"].url)
    page.evaluate("window.notReloaded = true")
    answer = page.locator(f"#c{talk['answer'].pk} > .comment__body")
    helpful = answer.locator(".reaction", has_text="Helpful")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    expect(helpful.locator(".reaction__count")).to_have_text("1")

    helpful.click()

    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful.locator(".reaction__count")).to_have_text("2")
    assert page.evaluate("window.notReloaded") is True
    assert Reaction.objects.filter(
        comment=talk["answer"], user__email="jana@example.org", kind="helpful"
    ).exists()

    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "false")
    expect(helpful.locator(".reaction__count")).to_have_text("1")

    # "Thanks" shares the form with "Helpful": its button sends its own kind.
    thanks = answer.locator(".reaction", has_text="Thanks")
    thanks.click()
    expect(thanks).to_have_attribute("aria-pressed", "true")
    expect(thanks.locator(".reaction__count")).to_have_text("1")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.notReloaded") is True
    assert Reaction.objects.filter(
        comment=talk["answer"], user__email="jana@example.org", kind="thanks"
    ).exists()

    rude = page.locator(f"#c{talk['rude'].pk} > .comment__body")
    rude.get_by_role("link", name=re.compile("^Report")).click()
    expect(page.get_by_role("heading", name="Report a comment")).to_be_visible()
    page.get_by_label("Rude or hurtful").check()
    page.get_by_label(re.compile("Anything the moderators")).fill(
        "Beleidigt alle, die Brot kaufen."
    )
    page.get_by_role("button", name="Send report").click()

    expect(page.get_by_text("Thanks, a moderator will look at it.")).to_be_visible()
    report = Report.objects.get()
    assert (report.comment_id, report.reason) == (talk["rude"].pk, "rude")
    page.get_by_role("link", name="Back to the discussion").click()
    expect(page.locator(f"#c{talk['rude'].pk}")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("signed_in", [False, True], ids=["guest", "member"])
def test_discussions_with_reactions_and_the_board_have_no_violations(
    live_server, page, talk, width, signed_in
):
    if signed_in:
        log_in(page, live_server, "jana@example.org")
    page.set_viewport_size({"width": width, "height": 900})
    pages = {
        "post discussion": talk["post"].url + "#discussion",
        "board": "/community/",
        "topic": f"/community/{talk['topic'].slug}/",
        "report form": f"/comments/report/comment/{talk['rude'].pk}/",
    }
    reports = []
    for name, path in pages.items():
        if name == "report form" and not signed_in:
            continue
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        found = violations(page)
        if found:
            reports.append(describe(found, f"{name} {path} at {width}px"))
    assert not reports, "\n\n".join(reports)
