"""The discussion board at /community/: topics listed, started and shown."""

import json
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.test.utils import WagtailPageTestCase

from community.models import (
    BoardCategory,
    Comment,
    CommunityIndexPage,
    ModerationState,
    Topic,
)
from home.models import HomePage
from tests.factories import (
    ProductFactory,
    build_board,
    category,
    member,
    reply,
    staff,
    topic,
)

pytestmark = pytest.mark.django_db

RULES = {
    "COMMUNITY_HOLD_FIRST_POSTS": 0,
    "COMMUNITY_RATE_LIMIT": None,
    "COMMUNITY_BLOCKED_WORDS": [],
    "COMMUNITY_HELD_WORDS": [],
}


def topic_titles(html):
    """Topic titles in the order the board lists them."""
    return re.findall(r'class="topic-row__title"><a href="[^"]*">([^<]*)</a>', html)


@pytest.fixture(autouse=True)
def _english(settings):
    """The messages are checked in the language they are written in."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def board():
    return build_board()


@pytest.fixture
def jana():
    return member()


# The page tree


class TestCommunityIndexPage(WagtailPageTestCase):
    def test_the_board_sits_under_the_home_page_has_no_children_and_is_single(self):
        self.assertAllowedParentPageTypes(CommunityIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CommunityIndexPage, set())
        board = build_board()
        self.assertFalse(CommunityIndexPage.can_create_at(board.get_parent()))

    def test_its_routes_render(self):
        board = build_board()
        author = member()
        started = topic(author, category(), title="Sauerteig")
        self.assertPageIsRenderable(board)
        self.assertPageIsRenderable(board, "category/rezepte/")
        self.assertPageIsRenderable(board, f"{started.slug}/")
        self.assertPageIsRoutable(board, "new/")


# The board


def test_the_board_lists_published_topics_pinned_first_then_by_activity(
    client, board, jana
):
    recipes = category()
    topic(jana, recipes, "Älteres Thema", days_ago=5)
    topic(jana, recipes, "Neues Thema", days_ago=1)
    topic(jana, recipes, "Angeheftet", days_ago=9, is_pinned=True)
    topic(jana, recipes, "Wartet", state=ModerationState.PENDING)
    topic(jana, recipes, "Spam", state=ModerationState.SPAM)

    response = client.get("/community/")

    assert response.status_code == 200
    assert topic_titles(response.content.decode()) == [
        "Angeheftet",
        "Neues Thema",
        "Älteres Thema",
    ]


def test_a_listed_topic_shows_category_author_name_status_and_replies(
    client, board, jana
):
    started = topic(jana, category(), status=Topic.Status.ANSWERED, is_closed=True)
    reply(started, member("Matthias Krüger"))
    reply(started, jana)

    html = client.get("/community/").content.decode()

    assert "Jana Petersen" in html
    assert "jana@example.org" not in html
    assert "Answered" in html
    assert "Closed" in html
    assert '<span class="topic-row__count">2</span>' in html


def test_categories_show_counts_of_published_topics_in_their_order(client, board, jana):
    recipes = category("Rezepte", order=0)
    category("Anderes", order=1)
    topic(jana, recipes, "Eins")
    topic(jana, recipes, "Zwei")
    topic(jana, recipes, "Gehalten", state=ModerationState.PENDING)

    response = client.get("/community/")

    assert [(c.name, c.topic_count) for c in response.context["categories"]] == [
        ("Rezepte", 2),
        ("Anderes", 0),
    ]


def test_the_category_route_lists_only_that_categorys_topics(client, board, jana):
    topic(jana, category("Rezepte"), "Linsensuppe")
    topic(jana, category("Termine", order=1), "Hoffest")

    response = client.get("/community/category/termine/")

    assert topic_titles(response.content.decode()) == ["Hoffest"]
    assert response.context["active_category"].slug == "termine"


def test_an_unknown_category_is_not_found(client, board):
    assert client.get("/community/category/gibt-es-nicht/").status_code == 404


def test_a_page_number_out_of_range_shows_a_valid_page(client, board, jana):
    topic(jana, category())

    for page in ("99", "abc", "-1"):
        response = client.get(f"/community/?page={page}")
        assert response.status_code == 200
        assert response.context["topics"].number == 1


def test_a_member_sees_their_own_held_topic_marked_as_waiting(client, board, jana):
    topic(jana, category(), "Meine Frage", state=ModerationState.PENDING)
    client.force_login(jana)

    html = client.get("/community/").content.decode()

    assert topic_titles(html) == ["Meine Frage"]
    assert "Waiting for a moderator" in html


def test_a_held_topic_is_not_found_for_others(client, board, jana):
    held = topic(jana, category(), "Meine Frage", state=ModerationState.PENDING)

    assert client.get(f"/community/{held.slug}/").status_code == 404
    client.force_login(member("Matthias Krüger"))
    assert client.get(f"/community/{held.slug}/").status_code == 404
    client.force_login(jana)
    assert client.get(f"/community/{held.slug}/").status_code == 200


def test_the_newest_activity_lists_recent_topics_first(client, board, jana):
    recipes = category()
    topic(jana, recipes, "Alt", days_ago=30, is_pinned=True)
    topic(jana, recipes, "Frisch", days_ago=0)

    response = client.get("/community/")

    assert [t.title for t in response.context["newest"]] == ["Frisch", "Alt"]


def count_board_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/community/")
    assert response.status_code == 200
    return len(queries)


# The board index: 4 for the site and page routing (the settings are cached, and
# no view restriction is read while there is none); the board's own:
# categories, paginator count, topics, newest activity.
BOARD_INDEX_QUERIES = 8


def test_the_board_index_takes_the_same_queries_for_10_and_100_topics(
    client, board, jana
):
    recipes = category()
    others = [member(f"Mitglied {n}", f"m{n}@example.org") for n in range(5)]
    for n in range(10):
        reply(topic(others[n % 5], recipes, f"Thema {n}"), jana)
    client.get("/community/")  # creates the shop settings and warms the site caches

    few = count_board_queries(client)
    for n in range(10, 100):
        reply(topic(others[n % 5], recipes, f"Thema {n}"), jana)
    many = count_board_queries(client)

    assert few == many == BOARD_INDEX_QUERIES


# Starting a topic


def post_topic(client, **data):
    values = {
        "category": BoardCategory.objects.first().pk,
        "title": "Grünkohl mit Pinkel",
        "text": "Wer hat ein **gutes** Rezept?\n\n- mit Senf\n- ohne Speck",
    }
    values.update(data)
    return client.post("/community/new/", values)


def test_starting_a_topic_needs_a_login(client, board):
    response = client.get("/community/new/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert "next=/community/new/" in response["Location"]


@override_settings(**RULES)
def test_a_member_starts_a_topic_that_is_published_with_its_text_rendered(
    client, board, jana
):
    category()
    product = ProductFactory(title="Grünkohl")
    client.force_login(jana)

    response = post_topic(client, products=[product.pk])

    started = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/community/{started.slug}/"
    assert started.slug == "gruenkohl-mit-pinkel"
    assert started.state == ModerationState.PUBLISHED
    assert started.author == jana
    assert list(started.products.all()) == [product]
    assert "<strong>gutes</strong>" in started.body_html
    assert "<li>mit Senf</li>" in started.body_html
    page = client.get(response["Location"]).content.decode()
    assert "<strong>gutes</strong>" in page
    assert "Grünkohl" in page
    assert topic_titles(client.get("/community/").content.decode()) == [
        "Grünkohl mit Pinkel"
    ]


@override_settings(**RULES)
def test_topics_with_the_same_title_get_their_own_slugs(client, board, jana):
    category()
    client.force_login(jana)

    post_topic(client)
    post_topic(client, text="Noch einmal, anders gefragt.")
    post_topic(client, title="new", text="Ein drittes Thema.")

    assert sorted(Topic.objects.values_list("slug", flat=True)) == [
        "gruenkohl-mit-pinkel",
        "gruenkohl-mit-pinkel-2",
        "new-thema",
    ]


@override_settings(**{**RULES, "COMMUNITY_HOLD_FIRST_POSTS": 1})
def test_a_first_post_held_by_the_rules_tells_the_author_and_is_not_listed(
    client, board, jana
):
    category()
    client.force_login(jana)

    post_topic(client)

    held = Topic.objects.get()
    assert held.state == ModerationState.PENDING
    assert held.held_reason

    page = client.get(f"/community/{held.slug}/").content.decode()
    assert "waits for a moderator" in page
    client.logout()
    assert topic_titles(client.get("/community/").content.decode()) == []


@override_settings(**{**RULES, "COMMUNITY_HOLD_FIRST_POSTS": 1})
def test_the_author_is_told_after_posting_that_their_topic_waits(client, board, jana):
    category()
    client.force_login(jana)

    response = post_topic(client)
    page = client.get(response["Location"]).content.decode()

    assert "waits for a moderator" in page
    assert "Nothing you wrote is lost" in page


@override_settings(**{**RULES, "COMMUNITY_BLOCKED_WORDS": ["Pinkel"]})
def test_refused_words_give_a_form_error_and_keep_the_text(client, board, jana):
    category()
    client.force_login(jana)

    response = post_topic(client, text="Ich suche Pinkel vom Metzger.")

    assert response.status_code == 200
    html = response.content.decode()
    assert "not allowed here" in html
    assert "Ich suche Pinkel vom Metzger." in html
    assert not Topic.objects.exists()


@override_settings(**RULES)
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("text", "Hallo \u202ewelt", "bidi"),
        ("text", "Hallo\x07 Welt", "control"),
        ("text", "Hallo\x00 Welt", "null_characters_not_allowed"),
        ("text", "Kaputt \ufffd kodiert", "encoding"),
        ("text", "x" * 10_001, "max_length"),
        ("title", "Zeile eins\r\nZeile zwei", "newline"),
        ("title", "Mit\tTabulator", "newline"),
        ("title", "y" * 141, "max_length"),
        ("text", "   ", "required"),
    ],
)
def test_hostile_input_gets_a_clear_error_and_keeps_what_was_typed(
    client, board, jana, field, value, code
):
    category()
    client.force_login(jana)

    response = post_topic(client, **{field: value})

    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.as_data()[field]
    assert code in [error.code for error in errors]
    assert escape(form.errors[field][0]) in response.content.decode()
    assert form.data[field] == value
    assert not Topic.objects.exists()


@override_settings(**RULES)
def test_markup_and_script_links_in_a_topic_are_refused_clearly_and_kept(
    client, board, jana
):
    category()
    client.force_login(jana)

    response = post_topic(
        client,
        title="<script>alert(1)</script>",
        text="<img src=x onerror=alert(1)> [klick](javascript:alert(1))",
    )

    page = response.content.decode()
    assert page.count("HTML such as &lt;script&gt; or &lt;img&gt;") == 2
    assert "javascript: links, are not allowed" in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert "&lt;img src=x onerror=alert(1)&gt; [klick](javascript:alert(1))" in page
    assert not Topic.objects.exists()


@override_settings(**RULES)
def test_a_filled_honeypot_refuses_the_topic(client, board, jana):
    category()
    client.force_login(jana)

    response = post_topic(client, website="https://spam.example.com")

    assert response.status_code == 200
    assert "could not be accepted" in response.content.decode()
    assert not Topic.objects.exists()


@override_settings(**{**RULES, "COMMUNITY_RATE_LIMIT": "2/m"})
def test_posting_too_fast_is_refused_and_keeps_the_text(client, board, jana):
    category()
    client.force_login(jana)

    for n in range(2):
        post_topic(client, title=f"Thema {n}")
    response = post_topic(client, title="Drittes Thema")

    assert "posting very quickly" in response.content.decode()
    assert "Drittes Thema" in response.content.decode()
    assert Topic.objects.count() == 2


# The topic page


def test_a_topic_page_shows_its_text_products_status_and_author(client, board, jana):
    product = ProductFactory(title="Roggenmehl Type 1150")
    started = topic(jana, category(), "Sauerteig", status=Topic.Status.ANSWERED)
    started.products.add(product)

    html = client.get(f"/community/{started.slug}/").content.decode()

    assert "<h1" in html and "Sauerteig" in html
    assert "<p>Mit Honig und Thymian.</p>" in html
    assert "Roggenmehl Type 1150" in html
    assert "Jana Petersen" in html
    assert "jana@example.org" not in html
    assert "Answered" in html


def test_a_closed_topic_says_it_takes_no_more_replies(client, board, jana):
    closed = topic(jana, category(), "Hoffest", is_closed=True)

    html = client.get(f"/community/{closed.slug}/").content.decode()

    assert "takes no more replies" in html


def test_an_unknown_topic_is_not_found(client, board):
    assert client.get("/community/gibt-es-nicht/").status_code == 404


def test_a_topic_knows_its_address_below_the_board(board, jana):
    started = topic(jana, category(), "Sauerteig")

    assert started.get_absolute_url() == "/community/sauerteig/"


# The admin


def test_staff_list_topics_filtered_by_state_and_edit_one(client, board, jana):
    recipes = category()
    topic(jana, recipes, "Sichtbares Thema")
    held = topic(jana, recipes, "Gehalten", state=ModerationState.PENDING)
    admin = staff(email="chefin@example.org", superuser=True)
    client.force_login(admin)

    listing = client.get("/admin/snippets/community/topic/", {"state": "pending"})
    edit = client.get(f"/admin/snippets/community/topic/edit/{held.pk}/")
    categories = client.get("/admin/snippets/community/boardcategory/")

    assert listing.status_code == 200
    assert "Gehalten" in listing.content.decode()
    assert "Sichtbares Thema" not in listing.content.decode()
    assert edit.status_code == 200
    assert categories.status_code == 200
    assert "Rezepte" in categories.content.decode()


# Replies


def reply_data(to_topic, text):
    from community.discussions.forms import CommentForm

    data = CommentForm(to_topic).initial.copy()
    data.update(comment=text, reply_to=0, name="", email="", honeypot="")
    return data


@override_settings(**RULES)
def test_a_members_reply_shows_on_the_topic_counts_on_the_board_and_moves_it_up(
    client, board, jana
):
    recipes = category()
    started = topic(jana, recipes, "Sauerteig", days_ago=10)
    topic(jana, recipes, "Neuer", days_ago=1)
    client.force_login(member("Matthias Krüger"))

    response = client.post("/comments/post/", reply_data(started, "Roggen *pur*."))

    assert response.status_code == 302
    page = client.get(f"/community/{started.slug}/").content.decode()
    assert "Roggen <em>pur</em>." in page
    assert "Matthias Krüger" in page
    board_page = client.get("/community/").content.decode()
    assert topic_titles(board_page) == ["Sauerteig", "Neuer"]
    assert '<span class="topic-row__count">1</span>' in board_page


@override_settings(**RULES)
def test_a_closed_topic_refuses_replies_clearly(client, board, jana):
    closed = topic(jana, category(), "Hoffest", is_closed=True)
    client.force_login(member("Matthias Krüger"))

    page = client.get(f"/community/{closed.slug}/").content.decode()
    response = client.post("/comments/post/", reply_data(closed, "Ich bringe Kuchen."))

    assert "takes no more replies" in page
    assert 'name="comment"' not in page
    assert response.status_code == 403
    assert "This topic is closed; it takes no more replies." in response.text
    assert "This page takes no comments." not in response.text
    assert not Comment.objects.exists()


# A topic page: page routing and settings, the topic with its products and
# starter; its replies come rendered from the shared cache.
TOPIC_PAGE_QUERIES = 6
# Rendering the replies anew after a change: the page of threads with its
# counts, the replies with their reactions, and their authors; and, as every
# purge makes a process find sites and addresses anew, the site, its root page
# and the board's page by its slug.
REPLIES_RENDERED = 6


@pytest.mark.usefixtures("rendered")
def test_a_topic_page_takes_the_same_queries_for_10_and_200_replies(
    client, board, jana, django_capture_on_commit_callbacks
):
    started = topic(jana, category(), "Sauerteig")
    others = [member(f"Mitglied {n}", f"m{n}@example.org") for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            reply(started, others[n % 5], f"Antwort {n}")
    url = f"/community/{started.slug}/"
    client.get(url)  # creates the shop settings, which purges every page
    client.get(url)  # warms the site caches and the address's page

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10, 200):
            reply(started, others[n % 5], f"Antwort {n}")
    with CaptureQueriesContext(connection) as changed:
        response = client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert response.status_code == 200
    assert '<span class="discussion__count">(200)</span>' in response.text
    assert len(few) == len(many) == TOPIC_PAGE_QUERIES
    assert len(changed) == TOPIC_PAGE_QUERIES + REPLIES_RENDERED


# Search engines


def json_ld_of(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    return json.loads(found.group(1)) if found else None


def test_a_topic_page_describes_itself_as_a_discussion_forum_posting(
    client, board, jana
):
    started = topic(jana, category(), "Sauerteig & Roggen")
    started.products.add(ProductFactory(title="Roggenmehl Type 1150"))
    reply(started, member("Matthias Krüger"))

    html = client.get(f"/community/{started.slug}/").content.decode()

    data = json_ld_of(html)
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == "Sauerteig & Roggen"
    assert data["text"] == "Mit Honig und Thymian."
    assert data["author"] == {"@type": "Person", "name": "Jana Petersen"}
    assert data["interactionStatistic"]["userInteractionCount"] == 1
    assert data["about"] == [{"@type": "Product", "name": "Roggenmehl Type 1150"}]
    assert (
        'rel="canonical" href="http://testserver/community/sauerteig-roggen/"' in html
    )
    assert '<meta name="description" content="Mit Honig und Thymian.">' in html


def test_held_topics_and_the_new_topic_form_are_not_for_search_engines(
    client, board, jana
):
    category()
    held = topic(jana, category("Termine"), "Frage", state=ModerationState.PENDING)
    client.force_login(jana)

    for url in (f"/community/{held.slug}/", "/community/new/"):
        html = client.get(url).content.decode()
        assert '<meta name="robots" content="noindex">' in html
        assert json_ld_of(html) is None
