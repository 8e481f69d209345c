"""The shared page cache: every public page is served from it to anonymous
readers, purged exactly when what it shows changes, and never stores what is
someone's own."""

import datetime
import gzip
import io
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, Site

from community.announcements.models import Announcement
from community.board.topics import change_status
from community.moderation.actions import REJECT, act
from home.models import ShopSettings
from home.page_cache.tags import page_tag, purge
from shop_link.sync.runs import sync_source
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    ProducerPageFactory,
    ProductFactory,
    answer,
    ask,
    build_board,
    build_catalogue,
    build_site,
    cache_reads,
    category,
    make_draft,
    make_private,
    member,
    merchant_item,
    merchant_xml,
    products_block,
    publish,
    staff,
    topic,
)
from tests.factories.feeds import feed_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return build_shop()


def build_shop():
    """A small shop with a page of every kind, two authors, categories,
    producers, products, a board and a topic."""
    home, blog, producers = build_site()
    catalogue = build_catalogue(home)
    board = build_board(home)
    anna, ben = AuthorFactory(name="Anna Lindner"), AuthorFactory(name="Ben Vogt")
    cheese_stories = CategoryFactory(name="Käse")
    bread_stories = CategoryFactory(name="Brot")
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    publish(producer)
    other_producer = publish(ProducerPageFactory(parent=producers, title="Mühle Kranz"))
    source = feed_source()
    cheese = ProductFactory(
        source=source,
        external_id="KAESE-1",
        title="Heumilch-Bergkäse",
        slug="heumilch-bergkaese",
        producer=producer,
    )
    flour = ProductFactory(
        source=source,
        external_id="MEHL-1",
        title="Dinkelmehl",
        slug="dinkelmehl",
        producer=other_producer,
    )
    cheese_post = BlogPageFactory(
        parent=blog,
        title="Im Käsekeller",
        authors=[anna],
        producers=[producer],
        categories_list=[cheese_stories],
        tag_names=["kaese"],
    )
    bread_post = BlogPageFactory(
        parent=blog,
        title="Backtag",
        authors=[ben],
        categories_list=[bread_stories],
        tag_names=["brot"],
    )
    board_category = category("Rezepte")
    starter = member("Jana Petersen")
    first_topic = topic(starter, board_category, title="Ofengemüse")
    # The settings row, made here and not by the first request (which would
    # purge every page while it renders).
    ShopSettings.for_site(Site.objects.get(is_default_site=True))
    return {
        "home": home,
        "blog": blog,
        "producers": producers,
        "catalogue": catalogue,
        "board": board,
        "anna": anna,
        "ben": ben,
        "cheese_stories": cheese_stories,
        "producer": producer,
        "other_producer": other_producer,
        "source": source,
        "cheese": cheese,
        "flour": flour,
        "cheese_post": cheese_post,
        "bread_post": bread_post,
        "board_category": board_category,
        "member": starter,
        "topic": first_topic,
    }


def public_urls(shop):
    blog = shop["blog"].url
    return {
        "home": "/",
        "blog index": blog,
        "blog page 2": f"{blog}?page=2",
        "category filter": f"{blog}category/{shop['cheese_stories'].slug}/",
        "tag filter": f"{blog}tag/kaese/",
        "author": f"{blog}author/{shop['anna'].slug}/",
        "post": shop["cheese_post"].url,
        "producers": shop["producers"].url,
        "producer": shop["producer"].url,
        "catalogue": shop["catalogue"].url,
        "catalogue search": f"{shop['catalogue'].url}?q=k%C3%A4se",
        "product": f"/products/{shop['cheese'].slug}/",
        "board": shop["board"].url,
        "topic": f"{shop['board'].url}{shop['topic'].slug}/",
        "rss": "/blog/feed/",
        "atom": "/blog/atom/",
        "sitemap": "/sitemap.xml",
        "sitemap pages": "/sitemap-pages.xml",
        "sitemap blog": "/sitemap-blog.xml",
        "sitemap products": "/sitemap-products.xml",
        "impressum": "/impressum/",
        "privacy": "/privacy/",
        "feedback": "/feedback/",
        "feedback at the counter": "/feedback/?channel=counter",
        "robots": "/robots.txt",
    }


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def is_stored(client, url) -> bool:
    """Whether the next anonymous request for url is served from the cache."""
    return fetch(client, url)["X-Cache"] == "HIT"


def warm(client, *urls):
    for url in urls:
        fetch(client, url)
        assert is_stored(client, url), url


def test_every_public_page_is_served_from_the_cache_the_second_time(client, shop):
    for name, url in public_urls(shop).items():
        first = fetch(client, url)
        assert first["X-Cache"] == "MISS", name
        with CaptureQueriesContext(connection) as queries:
            second = fetch(client, url)
        assert second["X-Cache"] == "HIT", name
        assert len(queries) == 0, (name, [q["sql"] for q in queries])
        assert second.content == first.content, name
        assert not second.cookies and not first.cookies, name
        assert "public" in second["Cache-Control"], name
        assert "max-age=" in second["Cache-Control"], name
        varies = {part.strip() for part in second["Vary"].split(",")}
        assert {"Cookie", "Accept-Language", "Accept-Encoding"} <= varies, name
        assert second["ETag"] and second["Last-Modified"], name


def test_html_is_served_short_lived_with_validators_and_a_reload_is_a_304(client, shop):
    url = shop["cheese_post"].url
    first = fetch(client, url)
    assert first["Cache-Control"] == "public, max-age=30"
    reload = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert reload.status_code == 304
    assert reload.content == b""
    assert reload["ETag"] == first["ETag"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_robots_txt_keeps_its_own_day_in_browser_caches(client, shop):
    fetch(client, "/robots.txt")
    assert "max-age=86400" in fetch(client, "/robots.txt")["Cache-Control"]


def test_html_is_gzipped_for_clients_that_accept_it(client, shop):
    url = shop["cheese_post"].url
    plain = fetch(client, url)
    for _ in range(2):
        zipped = fetch(client, url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert zipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(zipped.content) == plain.content
        assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content)
        assert zipped["ETag"] != plain["ETag"]
    assert "Content-Encoding" not in fetch(client, url)


def test_each_language_is_stored_apart(client, shop):
    url = shop["cheese_post"].url
    german = fetch(client, url, HTTP_ACCEPT_LANGUAGE="de")
    english = fetch(client, url, HTTP_ACCEPT_LANGUAGE="en")
    assert german.content != english.content
    assert fetch(client, url, HTTP_ACCEPT_LANGUAGE="en").content == english.content
    assert fetch(client, url, HTTP_ACCEPT_LANGUAGE="de").content == german.content


# --- what is never stored ----------------------------------------------------------


def test_a_member_is_never_served_or_stored(client, shop):
    url = shop["cheese_post"].url
    warm(client, url)
    client.force_login(shop["member"])
    response = fetch(client, url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    client.logout()
    # The member's visit left the anonymous copy as it was.
    assert is_stored(client, url)


def test_staff_and_previews_are_never_stored(client, shop, admin_user):
    client.force_login(admin_user)
    post = shop["cheese_post"]
    preview = client.get(f"/admin/pages/{post.pk}/edit/preview/")
    assert "X-Cache" not in preview
    assert "X-Cache" not in fetch(client, post.url)


def test_an_answer_that_sets_a_cookie_is_neither_stored_nor_shared(client, shop):
    url = f"{shop['cheese_post'].url}?write=1"
    for _ in range(2):
        response = fetch(client, url)
        assert "csrftoken" in response.cookies
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "no-cache" in response["Cache-Control"]
    client.cookies.clear()


def test_a_form_with_errors_is_not_stored(client, shop):
    response = client.post("/comments/post/", {"comment": ""})
    assert "X-Cache" not in response


def test_the_cache_can_be_switched_off(client, shop, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = shop["cheese_post"].url
    fetch(client, url)
    assert "X-Cache" not in fetch(client, url)


def test_a_page_rendered_while_it_was_purged_is_not_stored(client, shop):
    """A writer that commits while a page renders: the page may hold the old
    data, so it is not kept, and the next reader gets a fresh render."""
    post = shop["cheese_post"]

    def purged_meanwhile(page, request, serve_args, serve_kwargs):
        if page.pk == post.pk:
            purge(page_tag(post.pk))

    with hooks.register_temporarily("before_serve_page", purged_meanwhile):
        assert fetch(client, post.url)["X-Cache"] == "MISS"
    assert fetch(client, post.url)["X-Cache"] == "MISS"
    assert is_stored(client, post.url)


# --- purging: what changed shows on the next request, the rest stays stored -------


def test_an_edited_post_purges_itself_its_listings_and_feeds_only(client, shop):
    urls = public_urls(shop)
    showing = ["post", "blog index", "home", "rss", "atom", "author"]
    showing += ["sitemap", "sitemap pages", "sitemap blog"]
    untouched = ["board", "catalogue", "impressum", "sitemap products"]
    warm(client, *(urls[name] for name in showing + untouched))
    post = shop["cheese_post"]
    post.title = "Im Käsekeller bei Vollmond"
    publish(post)
    for name in showing:
        response = fetch(client, urls[name])
        assert response["X-Cache"] == "MISS", name
        # The sitemap dates the post; the others show its title.
        if not name.startswith("sitemap"):
            assert "Vollmond" in response.content.decode(), name
    for name in untouched:
        assert is_stored(client, urls[name]), name


def test_an_edited_post_leaves_unrelated_posts_stored(client, shop):
    bread = shop["bread_post"].url
    warm(client, bread)
    post = shop["cheese_post"]
    post.title = "Neu im Keller"
    publish(post)
    assert is_stored(client, bread)


def test_an_unpublished_post_leaves_its_listings(client, shop):
    blog = shop["blog"].url
    warm(client, blog, "/blog/feed/")
    make_draft(shop["cheese_post"])
    assert "Im Käsekeller" not in fetch(client, blog).content.decode()
    assert "Im Käsekeller" not in fetch(client, "/blog/feed/").content.decode()


def test_a_deleted_post_is_gone_from_its_page_and_listings(client, shop):
    post = shop["cheese_post"]
    url = post.url
    warm(client, url, shop["blog"].url)
    post.delete()
    assert client.get(url).status_code == 404
    assert "Im Käsekeller" not in fetch(client, shop["blog"].url).content.decode()


def test_a_new_post_in_a_category_refreshes_the_related_posts(client, shop):
    cheese_post = shop["cheese_post"].url
    warm(client, cheese_post, shop["bread_post"].url)
    BlogPageFactory(
        parent=shop["blog"],
        title="Käse auf dem Wochenmarkt",
        categories_list=[shop["cheese_stories"]],
    )
    assert "Wochenmarkt" in fetch(client, cheese_post).content.decode()
    assert is_stored(client, shop["bread_post"].url)


def test_a_renamed_author_shows_on_their_posts_only(client, shop):
    urls = public_urls(shop)
    warm(client, urls["post"], urls["author"], shop["bread_post"].url)
    shop["anna"].name = "Anna Lindner-Hof"
    shop["anna"].save()
    assert "Anna Lindner-Hof" in fetch(client, urls["post"]).content.decode()
    assert "Anna Lindner-Hof" in fetch(client, urls["author"]).content.decode()
    assert is_stored(client, shop["bread_post"].url)


def test_a_renamed_category_shows_on_its_posts_and_the_blog(client, shop):
    urls = public_urls(shop)
    warm(client, urls["post"], urls["blog index"], shop["bread_post"].url)
    shop["cheese_stories"].name = "Käse und Milch"
    shop["cheese_stories"].save()
    assert "Käse und Milch" in fetch(client, urls["post"]).content.decode()
    assert "Käse und Milch" in fetch(client, urls["blog index"]).content.decode()
    assert is_stored(client, shop["bread_post"].url)


def test_an_edited_producer_shows_on_its_products_and_the_posts_naming_it(client, shop):
    urls = public_urls(shop)
    flour = f"/products/{shop['flour'].slug}/"
    warm(client, urls["product"], urls["producer"], urls["post"], flour)
    producer = shop["producer"]
    producer.title = "Hofkäserei Wendt & Töchter"
    publish(producer)
    for name in ("product", "producer", "post"):
        assert "Töchter" in fetch(client, urls[name]).content.decode(), name
    assert is_stored(client, flour)


def test_a_product_sync_purges_the_changed_product_only(client, shop):
    urls = public_urls(shop)
    flour = f"/products/{shop['flour'].slug}/"
    warm(client, urls["product"], urls["catalogue"], urls["producer"], flour)
    feed = merchant_xml(
        merchant_item("KAESE-1", title="Heumilch-Bergkäse", price="4.80 EUR"),
        merchant_item("MEHL-1", title="Dinkelmehl", price="3.20 EUR"),
    )
    sync_source(shop["source"], stream=io.BytesIO(feed), fetch_images=False)
    # Both rows were rewritten; resync the same feed so that only one changes.
    warm(client, urls["product"], urls["catalogue"], urls["producer"], flour)
    feed = merchant_xml(
        merchant_item("KAESE-1", title="Heumilch-Bergkäse", price="5.10 EUR"),
        merchant_item("MEHL-1", title="Dinkelmehl", price="3.20 EUR"),
    )
    sync_source(shop["source"], stream=io.BytesIO(feed), fetch_images=False)
    assert "5,10" in fetch(client, urls["product"]).content.decode()
    assert "5,10" in fetch(client, urls["catalogue"]).content.decode()
    assert is_stored(client, flour)


def test_a_product_sync_purges_the_sitemaps_products_and_the_index(client, shop):
    urls = public_urls(shop)
    sitemaps = ["sitemap", "sitemap pages", "sitemap products"]
    warm(client, *(urls[name] for name in [*sitemaps, "sitemap blog"]))
    feed = merchant_xml(
        merchant_item("KAESE-1", title="Heumilch-Bergkäse", price="4.80 EUR"),
        merchant_item("BROT-1", title="Roggenbrot", price="4.20 EUR"),
    )
    sync_source(shop["source"], stream=io.BytesIO(feed), fetch_images=False)
    for name in sitemaps:
        assert fetch(client, urls[name])["X-Cache"] == "MISS", name
    assert "/products/roggenbrot/" in fetch(client, urls["sitemap products"]).text
    assert is_stored(client, urls["sitemap blog"])


def test_a_catalogue_taken_offline_takes_its_products_out_of_the_sitemap(client, shop):
    urls = public_urls(shop)
    warm(client, urls["sitemap products"], urls["sitemap"])
    assert "/sitemap-products.xml" in fetch(client, urls["sitemap"]).text
    make_draft(shop["catalogue"])
    index = fetch(client, urls["sitemap"])
    assert index["X-Cache"] == "MISS"
    assert "/sitemap-products.xml" not in index.text
    products = fetch(client, urls["sitemap products"])
    assert products["X-Cache"] == "MISS"
    assert "/products/" not in products.text
    assert is_stored(client, urls["sitemap products"])


def test_a_product_changed_in_the_admin_is_purged(client, shop):
    url = public_urls(shop)["product"]
    warm(client, url)
    shop["cheese"].title = "Heumilch-Bergkäse, 18 Monate"
    shop["cheese"].save()
    assert "18 Monate" in fetch(client, url).content.decode()


def test_a_story_that_starts_to_mention_a_product_shows_on_its_page(client, shop):
    url = public_urls(shop)["product"]
    warm(client, url)
    BlogPageFactory(
        parent=shop["blog"],
        title="Käseplatte zum Fest",
        body=[products_block(shop["cheese"])],
    )
    assert "Käseplatte zum Fest" in fetch(client, url).content.decode()


def test_questions_and_answers_purge_their_product_page_only(client, shop):
    urls = public_urls(shop)
    flour = f"/products/{shop['flour'].slug}/"
    warm(client, urls["product"], flour)
    question = ask(shop["cheese"], shop["member"], text="Wie lange ist er gereift?")
    page = fetch(client, urls["product"]).content.decode()
    assert "Wie lange ist er gereift?" in page
    assert is_stored(client, flour)
    warm(client, urls["product"])
    answer(question, member("Tom Wendt"), text="Vierzehn Monate im Keller.")
    assert "Vierzehn Monate" in fetch(client, urls["product"]).content.decode()


def test_a_questions_own_page_shows_its_answer_and_its_rejection(client, shop):
    question = ask(shop["cheese"], shop["member"], text="Wie lange ist er gereift?")
    url = f"{shop['board'].url}questions/{question.pk}/"
    warm(client, url)
    answer(question, member("Tom Wendt"), text="Vierzehn Monate im Keller.")
    assert "Vierzehn Monate" in fetch(client, url).content.decode()
    warm(client, url)

    act(REJECT, {"question": [question.pk]}, staff("Mia Moderatorin"))

    assert client.get(url).status_code == 404


def test_topics_purge_the_board_and_their_page(client, shop):
    urls = public_urls(shop)
    warm(client, urls["board"], urls["topic"], urls["post"])
    topic(shop["member"], shop["board_category"], title="Sauerteig ansetzen")
    assert "Sauerteig ansetzen" in fetch(client, urls["board"]).content.decode()
    assert is_stored(client, urls["post"])
    warm(client, urls["board"], urls["topic"])
    change_status(shop["topic"], "answered", shop["member"])
    assert fetch(client, urls["topic"])["X-Cache"] == "MISS"
    assert fetch(client, urls["board"])["X-Cache"] == "MISS"


def test_shop_settings_and_announcements_purge_every_page(client, shop):
    urls = public_urls(shop)
    warm(client, *urls.values())
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = "Hofladen am Lindenplatz"
    settings.save()
    for name, url in urls.items():
        assert fetch(client, url)["X-Cache"] == "MISS", name
    assert "Hofladen am Lindenplatz" in fetch(client, "/impressum/").content.decode()
    warm(client, urls["post"], urls["board"])
    Announcement.objects.create(
        text="Am Samstag geschlossen.",
        ends_at=timezone.now() + datetime.timedelta(days=2),
    )
    for name in ("post", "board"):
        response = fetch(client, urls[name])
        assert "Am Samstag geschlossen." in response.content.decode(), name


def test_a_new_section_in_the_menu_purges_every_page(client, shop):
    urls = public_urls(shop)
    warm(client, urls["post"], urls["product"])
    publish(ProducerPageFactory(parent=shop["producers"], title="Imkerei Bode"))
    # A producer is no menu item: the product page stays stored.
    assert is_stored(client, urls["product"])
    news = Page(title="Neuigkeiten", slug="neu", show_in_menus=True)
    shop["home"].add_child(instance=news)
    publish(news)
    assert "Neuigkeiten" in fetch(client, urls["product"]).content.decode()


def test_a_page_this_process_served_since_the_last_purge_takes_one_read(client, shop):
    url = shop["cheese_post"].url
    warm(client, url)
    with cache_reads() as reads:
        response = client.get(url)
    assert response["X-Cache"] == "HIT"
    assert reads == ["pc:generation"]


def test_a_page_made_private_is_no_longer_served_to_anonymous_readers(client, shop):
    url = shop["cheese_post"].url
    warm(client, url, shop["blog"].url)
    make_private(shop["cheese_post"])
    assert client.get(url).status_code == 302
    assert "Im Käsekeller" not in fetch(client, shop["blog"].url).content.decode()


def test_a_page_is_rendered_anew_when_an_announcement_starts(client, shop):
    url = shop["cheese_post"].url
    starts = timezone.now() + datetime.timedelta(seconds=2)
    Announcement.objects.create(
        text="Ab heute Spargel.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=1),
    )
    warm(client, url)
    assert "Ab heute Spargel." not in fetch(client, url).content.decode()
    time.sleep((starts - timezone.now()).total_seconds() + 0.1)
    response = fetch(client, url)
    assert response["X-Cache"] == "MISS"
    assert "Ab heute Spargel." in response.content.decode()


def test_members_pages_are_compressed_too(client, shop):
    client.force_login(shop["member"])
    response = fetch(client, shop["cheese_post"].url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"Im K" in gzip.decompress(response.content)


def test_a_newsletters_link_gets_the_stored_page(client, shop):
    url = shop["cheese_post"].url
    warm(client, url)
    tagged = fetch(client, f"{url}?utm_source=newsletter&utm_medium=email")
    assert tagged["X-Cache"] == "HIT"


def test_made_up_or_long_queries_are_rendered_but_never_stored(client, shop):
    url = shop["cheese_post"].url
    made_up = (
        "?r=8f3a",
        "?utm_source=x",
        f"?page={'9' * 300}",
        "?page=0x",
        "?page=2&page=3",
        "?cpage=-1",
        "?order=random",
        "?thread=12345678901",
        "?tag=a%0Ab",
    )
    for query in made_up:
        fetch(client, url + query)
        response = fetch(client, url + query)
        assert "X-Cache" not in response, query
        assert "private" in response["Cache-Control"], query


def test_parameters_in_another_order_are_the_same_stored_page(client, shop):
    catalogue = shop["catalogue"].url
    fetch(client, f"{catalogue}?availability=in_stock&q=k%C3%A4se")
    again = fetch(client, f"{catalogue}?q=k%C3%A4se&availability=in_stock")
    assert again["X-Cache"] == "HIT"


def test_a_head_request_is_answered_like_a_get(client, shop):
    url = shop["cheese_post"].url
    first = client.head(url)
    assert first["X-Cache"] == "MISS" and "public" in first["Cache-Control"]
    assert client.head(url)["X-Cache"] == "HIT"
    assert fetch(client, url)["X-Cache"] == "HIT"


def test_a_related_post_that_leaves_the_shared_category_leaves_read_on(client, shop):
    cheese_post = shop["cheese_post"]
    market = BlogPageFactory(
        parent=shop["blog"],
        title="Käse auf dem Wochenmarkt",
        categories_list=[shop["cheese_stories"]],
    )
    assert "Wochenmarkt" in fetch(client, cheese_post.url).content.decode()
    market.categories.set([CategoryFactory(name="Markt")])
    publish(market)

    assert "Wochenmarkt" not in fetch(client, cheese_post.url).content.decode()


def test_read_on_ranks_by_how_many_categories_and_tags_are_shared(client, shop):
    cheese, bread = shop["cheese_stories"], CategoryFactory(name="Hof")
    post = BlogPageFactory(
        parent=shop["blog"],
        title="Vom Hof",
        categories_list=[cheese, bread],
        tag_names=["hof", "milch", "sommer"],
    )
    # Older, but shares two categories and a tag: three in all.
    closer = BlogPageFactory(
        parent=shop["blog"],
        title="Zwei Kategorien",
        date=datetime.date(2024, 1, 1),
        categories_list=[cheese, bread],
        tag_names=["hof"],
    )
    # Newer, one category and one tag, but three tags of its own: counted
    # without care, the joins would weigh it at three times two.
    farther = BlogPageFactory(
        parent=shop["blog"],
        title="Drei Schlagworte",
        categories_list=[cheese],
        tag_names=["milch", "winter", "herbst"],
    )

    chosen = [
        related.pk for related in type(post).objects.get(pk=post.pk).related_posts
    ]
    assert chosen.index(closer.pk) < chosen.index(farther.pk)


@pytest.mark.usefixtures("rendered")
def test_related_posts_are_weighed_once_per_change_not_per_view(client, shop):
    url = shop["cheese_post"].url
    BlogPageFactory(parent=shop["blog"], categories_list=[shop["cheese_stories"]])

    def weighings():
        with CaptureQueriesContext(connection) as queries:
            fetch(client, url)
        # Weighing counts the shared categories and tags of every other post.
        return sum(
            "COUNT(" in query["sql"] and "blog_blogpagetag" in query["sql"]
            for query in queries
        )

    assert weighings() == 1
    assert weighings() == 0
    BlogPageFactory(parent=shop["blog"], categories_list=[shop["cheese_stories"]])
    assert weighings() == 1
