"""Ids from outside past what the database holds answer 404 or a form error.

SQLite's driver raises OverflowError for an integer past 64 bits, so before
every id from a URL, a query string or a form went through `home.ids`, such a
number answered 500. The test client re-raises that error, so each request
here fails loudly if it comes back.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from community.discussions.forms import CommentForm
from community.models import (
    BoardCategory,
    Comment,
    ModerationState,
    ProductAnswer,
    ProductQuestion,
    Profile,
    Topic,
)
from community.moderation.actions import parse_keys
from home.ids import MAX_ID, parse_id
from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    build_board,
    build_catalogue,
    build_site,
)

pytestmark = pytest.mark.django_db

# Past 64 bits, exactly one past, and a digit str.isdigit() takes but int() does not.
HOSTILE = ["9" * 30, str(MAX_ID + 1), "18446744073709551616"]
NOT_FOUND = "does not exist (any more)"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


def make_member(email="anna@example.org", name="Anna aus Kleinried"):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="geheim-und-lang-123"
    )
    Profile.objects.update_or_create(user=user, defaults={"display_name": name})
    return user


@pytest.fixture
def shop():
    """A post, a producer, a product, a topic and a question, each with a comment."""
    home, blog, producers = build_site()
    build_catalogue(home)
    board = build_board(home)
    author = make_member()
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    product = ProductFactory(title="Bergkäse", slug="bergkaese", producer=producer)
    topic = Topic.objects.create(
        category=BoardCategory.objects.create(name="Rezepte", slug="rezepte"),
        author=author,
        title="Ofengemüse",
        slug="ofengemuese",
        body="Mit Honig.",
        body_html="<p>Mit Honig.</p>",
        last_activity_at=timezone.now(),
        state=ModerationState.PUBLISHED,
    )
    question = ProductQuestion.objects.create(
        product=product,
        author=author,
        text="Ist er laktosefrei?",
        text_html="<p>Ist er laktosefrei?</p>",
        state=ModerationState.PUBLISHED,
    )
    targets = {
        "post": BlogPageFactory(parent=blog, title="Heuernte"),
        "producer": producer,
        "product": product,
        "topic": topic,
    }
    comments = {kind: comment_on(target, author) for kind, target in targets.items()}
    return {
        "board": board,
        "author": author,
        "targets": targets,
        "comments": comments,
        "question": question,
    }


def comment_on(target, user):
    comment = Comment(
        content_object=target,
        site_id=1,
        user=user,
        user_name="Anna",
        user_email=user.email,
        comment="Wie lange reift er?",
        is_public=True,
    )
    comment.save()
    return comment


def url_of(target):
    if isinstance(target, Topic):
        return f"/community/{target.slug}/"
    if hasattr(target, "url"):
        return target.url
    return f"/products/{target.slug}/"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 30, None),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("٣", None),
        ("1e3", None),
        ("", None),
        (None, None),
        (7, 7),
    ],
)
def test_only_ascii_ids_the_database_can_hold_are_ids(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("kind", ["post", "producer", "product", "topic"])
def test_a_discussion_page_ignores_a_thread_or_page_past_the_range(client, shop, kind):
    target = shop["targets"][kind]
    for number in HOSTILE:
        for parameter in ["thread", "tpage", "cpage"]:
            response = client.get(url_of(target), {parameter: number})
            assert response.status_code == 200, (parameter, number)


@pytest.mark.parametrize("kind", ["post", "producer", "product", "topic"])
def test_replying_to_a_comment_past_the_range_says_it_does_not_exist(
    client, shop, kind
):
    client.force_login(shop["author"])
    target = shop["targets"][kind]

    for number in [*HOSTILE, "²"]:
        response = client.get(url_of(target), {"reply_to": number})
        assert response.status_code == 200, number
        assert NOT_FOUND in response.content.decode()


def test_comment_urls_with_an_id_past_the_range_are_not_found(client, shop):
    client.force_login(shop["author"])
    content_type = ContentType.objects.get_for_model(shop["targets"]["post"])
    post_pk = shop["targets"]["post"].pk
    for number in HOSTILE:
        check_not_found(client, number, content_type.pk, post_pk)


def check_not_found(client, number, content_type_pk, post_pk):
    for method, url in [
        ("get", f"/comments/reply/{number}/"),
        ("get", f"/comments/cr/{number}/{post_pk}/"),
        ("get", f"/comments/cr/{content_type_pk}/{number}/"),
        ("get", f"/comments/{number}/edit/"),
        ("post", f"/comments/{number}/edit/"),
        ("get", f"/comments/{number}/delete/"),
        ("post", f"/comments/{number}/delete/"),
        ("post", f"/comments/{number}/react/"),
        ("get", f"/comments/report/comment/{number}/"),
        ("post", f"/comments/report/comment/{number}/"),
        ("get", f"/comments/report/topic/{number}/"),
        ("get", f"/comments/report/question/{number}/"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)


def test_question_urls_with_an_id_past_the_range_are_not_found(client, shop):
    client.force_login(shop["author"])
    for number in HOSTILE:
        for method, url in [
            ("get", f"/questions/ask/{number}/"),
            ("post", f"/questions/ask/{number}/"),
            ("post", f"/questions/{number}/answer/"),
            ("post", f"/questions/{number}/accept/"),
            ("get", f"/community/questions/{number}/"),
        ]:
            response = getattr(client, method)(url)
            assert response.status_code == 404, (method, url, response.status_code)


@pytest.mark.parametrize("number", HOSTILE[:1])
def test_question_parameters_past_the_range_find_nothing(client, shop, number):
    question = shop["question"]
    client.force_login(shop["author"])

    similar = client.get(
        reverse("community_question_similar"), {"q": "laktosefrei", "product": number}
    )
    accept = client.post(f"/questions/{question.pk}/accept/", {"answer": number})

    assert similar.status_code == 200
    assert accept.status_code == 400
    assert "There is no such answer" in accept.content.decode()
    assert not ProductAnswer.objects.exists()


@pytest.mark.parametrize("number", HOSTILE)
def test_the_board_takes_a_page_past_the_range(client, shop, number):
    assert client.get("/community/", {"page": number}).status_code == 200
    assert client.get(f"/community/{number}/").status_code == 404


@pytest.mark.parametrize("number", HOSTILE)
def test_posting_a_reply_to_a_comment_past_the_range_is_a_form_error(
    client, shop, number
):
    client.force_login(shop["author"])
    post = shop["targets"]["post"]
    data = CommentForm(post).initial.copy()
    data.update(comment="Danke!", reply_to=number, name="", email="", honeypot="")

    response = client.post(reverse("comments-post-comment"), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert NOT_FOUND in html
    assert "Danke!" in html
    assert Comment.objects.count() == 4


@pytest.mark.parametrize("number", HOSTILE)
def test_posting_to_an_object_past_the_range_finds_nothing(client, shop, number):
    client.force_login(shop["author"])
    data = CommentForm(shop["targets"]["post"]).initial.copy()
    data.update(comment="Danke!", reply_to=0, name="", email="", honeypot="")
    data["object_pk"] = number

    response = client.post(reverse("comments-post-comment"), data)

    assert response.status_code == 400
    assert "There is nothing here to comment on." in response.content.decode()
    assert Comment.objects.count() == 4


@pytest.mark.parametrize("number", HOSTILE)
def test_unfollowing_a_discussion_past_the_range_says_it_does_not_exist(
    client, shop, number
):
    client.force_login(shop["author"])
    content_type = ContentType.objects.get_for_model(shop["targets"]["post"])

    for data in [
        {"content_type": number, "object_pk": shop["targets"]["post"].pk},
        {"content_type": content_type.pk, "object_pk": number},
    ]:
        response = client.post(reverse("account_unfollow"), data, follow=True)
        assert response.status_code == 200
        assert "This discussion does not exist" in response.content.decode()


def test_moderation_keys_past_the_range_are_ignored():
    assert parse_keys(["comment:7", f"comment:{MAX_ID + 1}", "topic:²"]) == {
        "comment": [7]
    }


def test_listings_take_a_page_number_that_is_no_number(client, shop):
    listings = ["/blog/", "/community/", "/products/", "/search/?q=Käse"]
    for url in listings:
        for number in [*HOSTILE, "²", "٣"]:
            separator = "&" if "?" in url else "?"
            response = client.get(f"{url}{separator}page={number}")
            assert response.status_code == 200, (url, number)


def test_the_admins_sync_of_a_source_past_the_range_is_not_found(admin_client):
    url = reverse("wagtailsnippets_shop_link_productsource:sync", args=[1])
    for number in HOSTILE:
        response = admin_client.post(url.replace("/1/", f"/{number}/"))
        assert response.status_code == 404, number
