"""Parts of pages every reader shares, rendered once per change: a member's
post keeps its story, head and related posts in the shared cache, and gets
them anew the moment anything they show changes."""

import pytest
from django.db import connection
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.page_cache.fragments import shared
from home.page_cache.tags import SITE, page_tag, purge
from tests.factories import (
    BlogPageFactory,
    ImageFactory,
    add_comment,
    cache_reads,
    member,
    paragraph,
    publish,
)
from tests.home.test_page_cache import build_shop, fetch, is_stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return build_shop()


@pytest.fixture
def reader(client, shop):
    client.force_login(shop["member"])
    return client


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return len(captured)


def story_of(response) -> str:
    html = response.content.decode()
    return html[html.index('<article class="post">') : html.index('id="comments"')]


def test_a_members_second_view_takes_the_shared_story(reader, shop):
    url = shop["cheese_post"].url
    fetch(reader, url)
    first = queries(reader, url)
    purge(SITE)
    rendered = queries(reader, url)

    # Byline, categories, tags, producers, related posts: none read again.
    assert first <= rendered - 6


def test_every_reader_gets_the_same_story_from_it(client, reader, shop):
    url = shop["cheese_post"].url
    for_member = fetch(reader, url)
    reader.logout()
    for_anyone = fetch(client, url)

    assert story_of(for_member) == story_of(for_anyone)
    assert "Anna Lindner" in story_of(for_anyone)


def test_a_published_change_shows_to_members_at_once(reader, shop):
    post = shop["cheese_post"]
    fetch(reader, post.url)
    post.body = [paragraph("Der Keller ist jetzt zwölf Grad kalt.")]
    publish(post)

    assert "zwölf Grad" in fetch(reader, post.url).content.decode()


def test_a_renamed_author_shows_in_the_stored_story_at_once(reader, shop):
    url = shop["cheese_post"].url
    fetch(reader, url)
    shop["anna"].name = "Anna Lindner-Hof"
    shop["anna"].save()

    assert "Anna Lindner-Hof" in fetch(reader, url).content.decode()


def test_a_new_related_post_shows_to_members_at_once(reader, shop):
    url = shop["cheese_post"].url
    fetch(reader, url)
    BlogPageFactory(
        parent=shop["blog"],
        title="Käse auf dem Wochenmarkt",
        categories_list=[shop["cheese_stories"]],
    )

    assert "Wochenmarkt" in fetch(reader, url).content.decode()


def test_a_new_comment_leaves_the_story_stored(
    reader, shop, django_capture_on_commit_callbacks
):
    post = shop["cheese_post"]
    fetch(reader, post.url)
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(post, member("Ole Brandt"), "Wie lange reift der Käse?")
    with CaptureQueriesContext(connection) as after_comment:
        html = fetch(reader, post.url).content.decode()

    assert "Wie lange reift der Käse?" in html
    # Only the discussion was rendered anew: the byline, the categories and
    # the related posts came stored.
    read = " ".join(query["sql"] for query in after_comment.captured_queries)
    for table in ("blog_blogpageauthor", "blog_blogcategory", "taggit_tag"):
        assert table not in read


def test_an_anonymous_page_built_from_a_stored_part_is_purged_with_it(
    client, reader, shop
):
    url = shop["cheese_post"].url
    fetch(reader, url)
    reader.logout()
    fetch(client, url)
    assert is_stored(client, url)
    shop["anna"].name = "Anna Lindner-Hof"
    shop["anna"].save()

    assert "Anna Lindner-Hof" in fetch(client, url).content.decode()


def test_each_language_keeps_its_own_story(reader, shop):
    url = shop["cheese_post"].url
    german = fetch(reader, url, headers={"accept-language": "de"})
    english = fetch(reader, url, headers={"accept-language": "en"})
    reader.cookies.pop("django_language", None)

    assert "veröffentlicht" in story_of(german)
    assert "Published" in story_of(english)


def test_a_draft_seen_in_the_admin_is_not_the_stored_story(client, shop, admin_user):
    post = shop["cheese_post"]
    client.force_login(admin_user)
    fetch(client, post.url)
    post.body = [paragraph("Entwurf: der neue Reifekeller")]
    revision = post.save_revision()

    draft = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[post.pk, revision.pk])
    )
    assert "Entwurf: der neue Reifekeller" in draft.content.decode()
    assert "Entwurf" not in fetch(client, post.url).content.decode()


def test_a_part_is_rendered_once_and_then_served(shop):
    post, request = shop["cheese_post"], RequestFactory().get("/")
    renders = []

    def render():
        renders.append(post.title)
        return post.title

    for _ in range(3):
        assert shared("story", [post], request, render) == "Im Käsekeller"
    assert renders == ["Im Käsekeller"]


def test_a_part_rendered_while_it_was_purged_is_not_kept(shop):
    post, request = shop["cheese_post"], RequestFactory().get("/")
    renders = []

    def purged_meanwhile():
        renders.append("purged meanwhile")
        purge(page_tag(post.pk))
        return "old"

    shared("story", [post], request, purged_meanwhile)
    assert shared("story", [post], request, lambda: "new") == "new"
    assert renders == ["purged meanwhile"]


def test_a_preview_or_the_admin_renders_every_time(shop):
    post = shop["cheese_post"]
    preview = RequestFactory().get("/")
    preview.is_preview = True
    admin = RequestFactory().get("/admin/pages/")
    for request in (preview, admin):
        shared("story", [post], request, lambda: "first")
        assert shared("story", [post], request, lambda: "again") == "again"


def test_without_the_page_cache_every_part_is_rendered(reader, shop, settings):
    url = shop["cheese_post"].url
    fetch(reader, url)
    with_parts_stored = queries(reader, url)
    settings.PAGE_CACHE_ENABLED = False
    fetch(reader, url)

    assert queries(reader, url) == queries(reader, url)
    # Byline, categories, tags, producers, related posts: read every time.
    assert queries(reader, url) >= with_parts_stored + 6


def test_the_tag_names_what_the_part_is_about():
    with pytest.raises(TemplateSyntaxError, match="at least one object"):
        Template('{% load home_tags %}{% fragment "post" %}x{% endfragment %}')


def test_a_part_about_nothing_saved_is_rendered_every_time(shop):
    template = Template(
        '{% load home_tags %}{% fragment "post" page %}{{ page.title }}'
        "{% endfragment %}"
    )
    unsaved = BlogPageFactory.build(title="Noch nicht gespeichert")
    request = RequestFactory().get("/")

    assert template.render(Context({"page": unsaved, "request": request})) == (
        "Noch nicht gespeichert"
    )


def test_parts_this_process_served_since_the_last_purge_take_no_read(reader, shop):
    url = shop["cheese_post"].url
    fetch(reader, url)
    fetch(reader, url)
    with cache_reads() as reads:
        fetch(reader, url)

    # The generation, once for the story, its head, its related posts and
    # its discussion alike; none of them read again.
    assert reads.count("pc:generation") == 1
    assert not [key for key in reads if str(key).startswith(("pc:f:", "discussion:"))]
    assert not [key for key in reads if isinstance(key, list)]

    purge(page_tag(shop["cheese_post"].pk))
    assert "Anna Lindner" in fetch(reader, url).content.decode()


def rerenders_story(client, url) -> bool:
    """Whether the next request renders the post's story anew (reads its byline)."""
    with CaptureQueriesContext(connection) as served:
        fetch(client, url)
    return any("blog_blogpageauthor" in query["sql"] for query in served)


def test_a_new_picture_for_an_authors_photo_shows_in_their_stories(reader, shop):
    photo = ImageFactory()
    shop["anna"].photo = photo
    shop["anna"].save()
    url = shop["cheese_post"].url
    fetch(reader, url)
    assert not rerenders_story(reader, url)

    photo.title = "Anna Lindner, neues Bild"
    photo.save()

    assert rerenders_story(reader, url)


def test_a_new_picture_of_a_producer_shows_in_the_stories_naming_it(reader, shop):
    producer = shop["producer"]
    producer.hero_image = ImageFactory()
    publish(producer)
    url = shop["cheese_post"].url
    fetch(reader, url)
    assert not rerenders_story(reader, url)

    producer.hero_image.title = "Der Hof im Winter"
    producer.hero_image.save()

    assert rerenders_story(reader, url)


def test_a_comment_on_a_producer_leaves_the_stories_naming_it_stored(
    reader, shop, django_capture_on_commit_callbacks
):
    url = shop["cheese_post"].url
    fetch(reader, url)
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(shop["producer"], member("Ole Brandt"), "Schöner Hof!")

    assert not rerenders_story(reader, url)


def test_the_head_is_kept_once_for_any_value_that_is_no_page_number(reader, shop):
    url = shop["cheese_post"].url
    fetch(reader, url)
    for junk in ("abc", "0x", "-1", "1"):
        assert not rerenders_head(reader, f"{url}?page={junk}"), junk
    second = fetch(reader, f"{url}?page=2").content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}?page=2">' in second
    first = fetch(reader, url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in first


def rerenders_head(client, url) -> bool:
    """Whether the request renders the post's head anew (reads its tags)."""
    with CaptureQueriesContext(connection) as served:
        fetch(client, url)
    return any("taggit_tag" in query["sql"] for query in served)
