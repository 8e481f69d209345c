"""Smiley feedback: one click stores one anonymous answer, a page view counts
once, and the endpoint takes only what its pages send, from its own pages."""

import datetime
import io
import re
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.models import Feedback
from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    build_site,
    make_draft,
)

pytestmark = pytest.mark.django_db

SEND = "/feedback/send/"
COMMENT = "/feedback/comment/"
SAME_SITE = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
JSON = {**SAME_SITE, "Accept": "application/json"}
VIEW = "0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def post(site):
    return BlogPageFactory(parent=site[1], title="Sauerteig zu Hause")


def click(client, face="happy", headers=JSON, address="192.0.2.1", **fields):
    return client.post(
        SEND, {"face": face, **fields}, headers=headers, REMOTE_ADDR=address
    )


def token_in(html: str) -> str:
    return re.search(r'name="answer" value="([^"]+)"', html)[1]


# One click, one answer, nothing about the person


def test_a_click_stores_one_answer_and_nothing_that_identifies_the_person(client, post):
    response = client.post(
        SEND,
        {"face": "happy", "page": post.pk, "view": VIEW},
        headers={**JSON, "User-Agent": "Firefox/140 Kundin-Tablet"},
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 200
    assert response.json()["face"] == "happy"
    answer = Feedback.objects.get()
    stored = {
        field.attname: getattr(answer, field.attname)
        for field in Feedback._meta.concrete_fields
    }
    assert set(stored) == {
        "id",
        "face",
        "channel",
        "page_id",
        "product_id",
        "day",
        "comment",
    }
    assert isinstance(answer.id, uuid.UUID)
    assert (answer.face, answer.channel, answer.page_id, answer.product_id) == (
        "happy",
        "web",
        post.pk,
        None,
    )
    assert answer.day == timezone.localdate()
    assert type(answer.day) is datetime.date
    assert answer.comment == ""
    everything = " ".join(str(value) for value in stored.values())
    for trace in ("203.0.113.9", "Firefox", VIEW):
        assert trace not in everything
    assert not response.cookies


def test_two_clicks_from_one_page_view_count_once_with_the_last_face(client, post):
    click(client, "unhappy", page=post.pk, view=VIEW)
    click(client, "happy", page=post.pk, view=VIEW)
    click(client, "happy", page=post.pk, view=VIEW)

    assert list(Feedback.objects.values_list("face", flat=True)) == ["happy"]


def test_clicks_from_two_page_views_count_twice(client, post):
    click(client, "happy", page=post.pk, view=VIEW)
    click(client, "neutral", page=post.pk, view="f" * 32)
    click(client, "unhappy", page=post.pk)  # without a script: no view token

    assert sorted(Feedback.objects.values_list("face", flat=True)) == [
        "happy",
        "neutral",
        "unhappy",
    ]


def test_a_view_token_sent_from_another_page_starts_an_answer_of_its_own(client, post):
    other = BlogPageFactory(parent=post.get_parent(), title="Käse reifen lassen")
    click(client, "happy", page=post.pk, view=VIEW)
    click(client, "unhappy", page=other.pk, view=VIEW)

    assert sorted(Feedback.objects.values_list("page_id", "face")) == sorted(
        [(post.pk, "happy"), (other.pk, "unhappy")]
    )


def test_producer_and_product_pages_take_answers_as_well(client, site):
    producer = ProducerPageFactory(parent=site[2], title="Hofkäserei Wendt")
    product = ProductFactory()

    assert click(client, page=producer.pk).status_code == 200
    assert click(client, "neutral", product=product.pk).status_code == 200
    assert set(Feedback.objects.values_list("page_id", "product_id", "face")) == {
        (producer.pk, None, "happy"),
        (None, product.pk, "neutral"),
    }


@pytest.mark.parametrize("channel", ["counter", "delivery", "online"])
def test_an_answer_from_a_qr_code_keeps_its_channel(client, channel):
    response = click(client, channel=channel)

    assert response.status_code == 200
    assert Feedback.objects.get().channel == channel


def test_answers_stay_when_their_page_or_product_is_deleted(client, post):
    product = ProductFactory()
    click(client, page=post.pk)
    click(client, product=product.pk)

    post.delete()
    product.delete()

    assert list(Feedback.objects.values_list("page_id", "product_id")) == [
        (None, None),
        (None, None),
    ]


# Where a post may come from


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://shop.testserver"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"},
        {"Referer": "https://evil.example/page/"},
        {},
    ],
    ids=[
        "cross-site",
        "same-site",
        "foreign-origin",
        "null-origin",
        "origin-disagrees",
        "foreign-referer",
        "no-origin-at-all",
    ],
)
def test_posts_from_other_sites_are_refused_and_store_nothing(client, post, headers):
    response = click(client, page=post.pk, headers=headers)
    comment = client.post(COMMENT, {"answer": "x", "comment": "Hallo"}, headers=headers)

    assert response.status_code == 403
    assert comment.status_code == 403
    assert "did not come from a page of this site" in response.content.decode()
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {"Referer": "http://testserver/blog/sauerteig/"},
    ],
    ids=["fetch-site", "origin", "referer-of-an-older-browser"],
)
def test_posts_from_the_sites_own_pages_are_taken(client, post, headers):
    assert click(client, page=post.pk, headers=headers).status_code == 200
    assert Feedback.objects.count() == 1


def test_a_trusted_origin_from_the_settings_is_taken(client, post, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://laden.example.org"]

    response = click(
        client, page=post.pk, headers={"Origin": "https://laden.example.org"}
    )

    assert response.status_code == 200


def test_the_endpoints_take_only_posts(client):
    assert client.get(SEND).status_code == 405
    assert client.get(COMMENT).status_code == 405


# The rate limit


def test_the_rate_limit_holds_per_address(client, post, settings):
    settings.COMMUNITY_FEEDBACK_RATE_LIMIT = "3/m"
    statuses = [
        click(client, page=post.pk, address="198.51.100.7").status_code
        for __ in range(5)
    ]
    elsewhere = click(client, page=post.pk, address="198.51.100.8")

    assert statuses == [200, 200, 200, 429, 429]
    assert elsewhere.status_code == 200
    assert Feedback.objects.count() == 4
    limited = click(client, page=post.pk, address="198.51.100.7")
    assert "Please wait a few minutes" in limited.json()["error"]


def test_comments_count_against_the_same_limit(client, post, settings):
    settings.COMMUNITY_FEEDBACK_RATE_LIMIT = "2/m"
    token = click(client, page=post.pk).json()["answer"]
    click(client, page=post.pk)

    response = client.post(
        COMMENT,
        {"answer": token, "comment": "Schön"},
        headers=JSON,
        REMOTE_ADDR="192.0.2.1",
    )

    assert response.status_code == 429
    assert Feedback.objects.with_comments().count() == 0


# Bad input


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"face": "ecstatic"}, "There is no such answer"),
        ({"face": ""}, "Please choose one of the faces"),
        ({"channel": "telepathy"}, "There is no such feedback channel"),
        ({"page": "999999"}, "There is no such page"),
        ({"page": "²"}, "could not be read"),
        ({"page": "9" * 30}, "could not be read"),
        ({"product": "424242"}, "There is no such product"),
        ({"view": "not a token!"}, "could not be read"),
        ({"view": "a" * 65}, "could not be read"),
    ],
)
def test_unknown_faces_channels_and_places_are_refused(client, post, fields, message):
    data = {"face": "happy", **fields}

    response = client.post(SEND, data, headers=JSON)
    page = client.post(SEND, data, headers=SAME_SITE)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert page.status_code == 400
    assert message in page.content.decode()
    assert Feedback.objects.count() == 0


def test_a_page_that_is_not_live_takes_no_answer(client, post):
    make_draft(post)

    assert click(client, page=post.pk).status_code == 400


def test_an_answer_is_about_one_place_and_a_page_has_no_other_channel(client, post):
    product = ProductFactory()

    both = click(client, page=post.pk, product=product.pk)
    counter_on_a_page = click(client, page=post.pk, channel="counter")

    assert both.status_code == counter_on_a_page.status_code == 400
    assert Feedback.objects.count() == 0


# The comment after the click


def test_with_the_script_the_comment_joins_its_answer(client, post):
    token = click(client, page=post.pk, view=VIEW).json()["answer"]

    response = client.post(
        COMMENT, {"answer": token, "comment": "  Sehr gutes Rezept!  "}, headers=JSON
    )

    assert response.status_code == 200
    assert "Thank you for your comment" in response.json()["message"]
    assert Feedback.objects.get().comment == "Sehr gutes Rezept!"
    assert not response.cookies


def test_without_the_script_thanks_and_the_comment_form_follow_the_click(client, post):
    response = click(client, "neutral", headers=SAME_SITE, page=post.pk)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Thank you!" in html
    assert "Neutral" in html
    assert "csrfmiddlewaretoken" not in html
    assert f'href="{post.url}"' in html
    assert not response.cookies

    done = client.post(
        COMMENT,
        {"answer": token_in(html), "comment": "Mehr Bilder bitte."},
        headers=SAME_SITE,
    )
    assert done.status_code == 200
    assert "Thank you for your comment" in done.content.decode()
    assert "<textarea" not in done.content.decode()
    assert Feedback.objects.get().comment == "Mehr Bilder bitte."


def test_the_token_takes_one_comment_only(client, post):
    token = click(client, page=post.pk).json()["answer"]
    client.post(COMMENT, {"answer": token, "comment": "Erstens"}, headers=JSON)

    again = client.post(COMMENT, {"answer": token, "comment": "Zweitens"}, headers=JSON)

    assert again.status_code == 400
    assert "has its comment already" in again.json()["errors"]["__all__"][0]
    assert Feedback.objects.get().comment == "Erstens"


@pytest.mark.parametrize(
    "token",
    ["", "erfunden", "InZmMmQ5YzQ0LTAwMDAi:1tAbCd:forged-signature-000000000"],
    ids=["missing", "made-up", "forged"],
)
def test_a_comment_without_a_genuine_token_is_refused(client, post, token):
    click(client, page=post.pk)

    response = client.post(
        COMMENT, {"answer": token, "comment": "Hallo"}, headers=SAME_SITE
    )

    assert response.status_code == 400
    assert "belongs to no answer" in response.content.decode()
    assert Feedback.objects.with_comments().count() == 0


def test_a_token_whose_time_has_passed_says_so_and_keeps_the_text(
    client, post, settings
):
    token = click(client, page=post.pk).json()["answer"]
    settings.COMMUNITY_FEEDBACK_COMMENT_SECONDS = -1

    response = client.post(
        COMMENT, {"answer": token, "comment": "Etwas spät"}, headers=SAME_SITE
    )
    html = response.content.decode()

    assert response.status_code == 400
    assert "The time to add a comment to this answer has passed" in html
    assert "Etwas spät</textarea>" in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 501, "at most 500 characters"),
        ("<script>alert(1)</script> Hallo", "HTML"),
        ("Hallo\u202eollaH", "reverse the reading direction"),
        ("   ", "Please write your comment first"),
    ],
    ids=["oversize", "html", "bidi", "blank"],
)
def test_hostile_comments_get_a_clear_error_and_keep_what_was_typed(
    client, post, text, message
):
    html = click(client, headers=SAME_SITE, page=post.pk).content.decode()
    token = token_in(html)

    response = client.post(
        COMMENT, {"answer": token, "comment": text}, headers=SAME_SITE
    )
    scripted = client.post(COMMENT, {"answer": token, "comment": text}, headers=JSON)
    page = response.content.decode()

    assert response.status_code == scripted.status_code == 400
    assert message in page
    assert message in " ".join(scripted.json()["errors"]["comment"])
    if text.strip():
        textarea = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", page, re.S)[1]
        assert textarea == text.replace("<", "&lt;").replace(">", "&gt;")
    assert token in page
    assert Feedback.objects.get().comment == ""


# Keeping comments only for a while


def test_purge_expired_blanks_old_comments_and_keeps_the_answers(settings):
    settings.COMMUNITY_FEEDBACK_KEEP_COMMENT_DAYS = 30
    today = timezone.localdate()
    old = Feedback.objects.create(
        face="unhappy", day=today - datetime.timedelta(days=31), comment="Zu teuer."
    )
    kept = Feedback.objects.create(
        face="happy", day=today - datetime.timedelta(days=30), comment="Lecker!"
    )

    out = io.StringIO()
    call_command("purge_expired", stdout=out)

    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.face, old.comment) == ("unhappy", "")
    assert kept.comment == "Lecker!"
    assert "Blanked 1 feedback comment" in out.getvalue()


def test_purge_expired_runs_one_kind_when_asked(settings):
    settings.COMMUNITY_FEEDBACK_KEEP_COMMENT_DAYS = 0
    Feedback.objects.create(
        face="happy",
        day=timezone.localdate() - datetime.timedelta(days=1),
        comment="Danke",
    )

    call_command("purge_expired", only=["feedback-comments"], stdout=io.StringIO())

    assert Feedback.objects.get().comment == ""
