import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from blog.models import POSTS_PER_PAGE, ProducerPageGalleryImage
from home.blocks import StoryStreamBlock
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    CertificationFactory,
    ImageFactory,
    ProducerPageFactory,
    build_site,
    make_draft,
    paragraph,
)

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=abcdefghijk"


@pytest.fixture
def site():
    return build_site()


def get(client, url, language="de"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def render_block(block_type, value):
    stream_block = StoryStreamBlock()
    child = stream_block.child_blocks[block_type]
    return child.render(child.to_python(value))


def document_title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


# Blocks


def test_the_video_block_loads_nothing_from_the_provider_before_a_click():
    html = render_block("video", {"url": VIDEO_URL, "title": "Ein Tag auf dem Hof"})
    assert "<iframe" not in html
    assert not re.search(r"""\ssrc=["']https?://""", html)
    assert f'href="{VIDEO_URL}"' in html
    assert "data-video-load hidden" in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/abcdefghijk' in html
    assert "lädt das Video von YouTube" in html
    assert "Ein Tag auf dem Hof" in html


def test_the_image_block_renders_a_sized_lazy_rendition_with_its_alt_and_caption():
    html = render_block(
        "image",
        {
            "image": ImageFactory().pk,
            "alt": "Körbe voller Erdbeeren",
            "caption": "Juni",
        },
    )
    assert 'alt="Körbe voller Erdbeeren"' in html
    assert 'loading="lazy"' in html
    assert 'decoding="async"' in html
    assert "srcset=" in html
    assert re.search(r'width="\d+"', html)
    assert re.search(r'height="\d+"', html)
    assert "<figcaption>Juni</figcaption>" in html


def test_the_gallery_block_gives_every_picture_its_own_alt():
    images = [
        {"image": ImageFactory().pk, "alt": f"Blick {n}", "caption": ""} for n in (1, 2)
    ]
    html = render_block("gallery", {"title": "Auf dem Hof", "images": images})
    assert 'alt="Blick 1"' in html
    assert 'alt="Blick 2"' in html
    assert html.count('loading="lazy"') == 2


def test_the_quote_block_is_a_figure_with_blockquote_and_attribution():
    html = render_block(
        "quote", {"text": "Wir melken, was die Kühe geben.", "attribution": "Hanna"}
    )
    assert re.search(r"<figure[^>]*>\s*<blockquote>", html)
    assert "<figcaption>Hanna</figcaption>" in html


def test_the_heading_block_renders_the_chosen_level():
    assert "<h3" in render_block("heading", {"text": "Im Stall", "level": "h3"})
    assert "<h2" in render_block("heading", {"text": "Im Stall", "level": "h2"})


# The post


@pytest.fixture
def story(site):
    _, blog, producers = site
    author = AuthorFactory(name="Greta Hansen", role="Inhaberin")
    farm = ProducerPageFactory(parent=producers, title="Milchhof Brandt")
    cheese = CategoryFactory(name="Käse", slug="kaese")
    post = BlogPageFactory(
        parent=blog,
        title="Warum unser Käse reift",
        intro="Ein Besuch im Keller.",
        hero_alt="Käselaibe im Regal",
        date=datetime.date(2026, 1, 14),
        updated=datetime.date(2026, 2, 3),
        body=[
            paragraph(" ".join(["Wort"] * 500)),
            ("video", {"url": VIDEO_URL, "title": "Im Keller", "caption": ""}),
        ],
        authors=[author],
        producers=[farm],
        categories_list=[cheese],
        tag_names=["rohmilch"],
    )
    related = BlogPageFactory(
        parent=blog, title="Rohmilch erklärt", categories_list=[cheese]
    )
    return {
        "blog": blog,
        "post": post,
        "author": author,
        "farm": farm,
        "related": related,
    }


def test_a_post_shows_its_byline_dates_and_reading_time(client, story):
    html = get(client, story["post"].url)
    assert "<h1" in html and "Warum unser Käse reift" in html
    assert 'href="/blog/author/greta-hansen/"' in html
    assert "Inhaberin" in html
    assert '<time datetime="2026-01-14">14. Januar 2026</time>' in html
    assert '<time datetime="2026-02-03">3. Februar 2026</time>' in html


def test_the_reading_time_is_plural_aware(client, story):
    assert "3 Minuten Lesezeit" in get(client, story["post"].url)
    assert "1 Minute Lesezeit" in get(client, story["related"].url)


def test_a_post_hero_is_an_eager_rendition_with_its_description(client, story):
    html = get(client, story["post"].url)
    hero = re.search(r"<img[^>]*post__hero-image[^>]*>", html).group(0)
    assert 'alt="Käselaibe im Regal"' in hero
    assert "srcset=" in hero
    assert 'loading="lazy"' not in hero


def test_a_post_links_its_categories_tags_producers_and_related_posts(client, story):
    html = get(client, story["post"].url)
    assert 'href="/blog/category/kaese/"' in html
    assert 'href="/blog/tag/rohmilch/"' in html
    assert f'href="{story["farm"].url}"' in html
    assert f'href="{story["related"].url}"' in html


def test_the_product_and_discussion_seams_print_nothing_until_filled(client, story):
    html = get(client, story["post"].url, language="en")
    main = html[html.index("<main") : html.index("</main>")].lower()
    for word in ("seam", "product in", "products in"):
        assert word not in main

    template = Template(
        "{% extends 'blog/blog_page.html' %}"
        "{% block products %}PRODUCTS-HERE{% endblock %}"
        "{% block discussion %}DISCUSSION-HERE{% endblock %}"
    )
    post = story["post"]
    request = RequestFactory().get(post.url)
    rendered = template.render(Context(post.get_context(request)))
    assert rendered.index("Im Keller") < rendered.index("PRODUCTS-HERE")
    assert rendered.index("PRODUCTS-HERE") < rendered.index("DISCUSSION-HERE")


def test_a_producer_page_has_the_same_seams(story):
    template = Template(
        "{% extends 'blog/producer_page.html' %}"
        "{% block products %}PRODUCTS-HERE{% endblock %}"
        "{% block discussion %}DISCUSSION-HERE{% endblock %}"
    )
    farm = story["farm"]
    request = RequestFactory().get(farm.url)
    rendered = template.render(Context(farm.get_context(request)))
    assert "PRODUCTS-HERE" in rendered
    assert "DISCUSSION-HERE" in rendered


def test_the_video_in_a_post_is_loaded_by_the_deferred_script(client, story):
    html = get(client, story["post"].url)
    assert re.search(r'<script src="[^"]*theke\.js" defer></script>', html)
    assert "<iframe" not in html


# The blog index


def test_the_blog_index_lists_categories_with_counts_and_marks_the_active_one(
    client, story
):
    html = get(client, story["blog"].url)
    assert re.search(r'href="/blog/category/kaese/"[^>]*>Käse', html)
    assert re.search(r"Käse <span class=\"chip__count\">.*?2", html)

    filtered = get(client, "/blog/category/kaese/")
    assert re.search(r'href="/blog/category/kaese/" aria-current="page"', filtered)
    assert "Show all stories" in get(client, "/blog/category/kaese/", language="en")


def test_filtering_by_query_shows_the_filter_and_a_way_back(client, story):
    html = get(client, "/blog/?tag=rohmilch", language="en")
    assert "Stories tagged <strong>rohmilch</strong>" in html
    assert f'href="{story["blog"].url}"' in html
    assert "Warum unser Käse reift" in html
    assert "Rohmilch erklärt" not in html


def test_a_teaser_shows_image_categories_date_reading_time_and_authors(client, story):
    html = get(client, story["blog"].url)
    teaser = html[html.index("Warum unser Käse reift") - 2500 :]
    assert 'alt="Käselaibe im Regal"' in teaser
    assert 'loading="lazy"' in teaser
    assert '<span class="label">Käse</span>' in teaser
    assert "14. Januar 2026" in teaser
    assert "Greta Hansen" in teaser


def test_pagination_links_keep_the_filter(client, site):
    _, blog, _ = site
    cheese = CategoryFactory(name="Käse", slug="kaese")
    for _ in range(10):
        BlogPageFactory(parent=blog, categories_list=[cheese])
    html = get(client, "/blog/?category=kaese")
    assert 'href="?category=kaese&amp;page=2"' in html
    assert 'rel="next"' in html
    assert 'aria-current="page"><span class="visually-hidden">' in html


@pytest.mark.usefixtures("rendered")
def test_the_blog_index_needs_the_same_queries_for_three_or_nine_posts(client, site):
    _, blog, _ = site
    authors = [AuthorFactory(), AuthorFactory()]
    category = CategoryFactory()
    for _ in range(3):
        BlogPageFactory(parent=blog, authors=authors, categories_list=[category])
    get(client, blog.url)  # makes the settings, which purges every page
    get(client, blog.url)
    few = count_queries(client, blog.url)
    for _ in range(6):
        BlogPageFactory(parent=blog, authors=authors, categories_list=[category])
    get(client, blog.url)
    assert count_queries(client, blog.url) == few


def test_drafts_are_not_teased(client, site):
    _, blog, _ = site
    make_draft(BlogPageFactory(parent=blog, title="Noch nicht fertig"))
    assert "Noch nicht fertig" not in get(client, blog.url)


# Titles of filtered listings


def test_a_category_listing_is_titled_with_the_category(client, story):
    assert document_title(get(client, "/blog/category/kaese/")) == "Käse – Blog – Theke"
    assert document_title(get(client, "/blog/?category=kaese")) == "Käse – Blog – Theke"


def test_a_tag_listing_is_titled_with_the_tag(client, story):
    title = "Stories tagged “rohmilch” – Blog – Theke"
    assert document_title(get(client, "/blog/tag/rohmilch/", language="en")) == title
    assert document_title(get(client, "/blog/?tag=rohmilch", language="en")) == title


def test_the_author_page_is_titled_with_the_author_and_the_blog(client, story):
    html = get(client, "/blog/author/greta-hansen/")
    assert document_title(html) == "Greta Hansen – Blog – Theke"
    html = get(client, "/blog/?author=greta-hansen")
    assert document_title(html) == "Greta Hansen – Blog – Theke"


def test_the_unfiltered_blog_keeps_its_plain_title(client, story):
    assert document_title(get(client, story["blog"].url)) == "Blog – Theke"


def test_later_pages_of_a_listing_name_their_number_in_the_title(client, site):
    _, blog, _ = site
    cheese = CategoryFactory(name="Käse", slug="kaese")
    author = AuthorFactory(name="Greta Hansen")
    for _ in range(POSTS_PER_PAGE + 1):
        BlogPageFactory(parent=blog, categories_list=[cheese], authors=[author])

    def title(url):
        return document_title(get(client, url, language="en"))

    assert title("/blog/?page=2") == "Blog – Page 2 – Theke"
    assert title("/blog/category/kaese/?page=2") == "Käse – Page 2 – Blog – Theke"
    assert title("/blog/author/greta-hansen/?page=2") == (
        "Greta Hansen – Page 2 – Blog – Theke"
    )
    assert title("/blog/category/kaese/?page=1") == "Käse – Blog – Theke"
    assert title("/blog/category/kaese/?page=abc") == "Käse – Blog – Theke"


def test_a_listing_title_escapes_the_filter_name(client, site):
    _, blog, _ = site
    origin = CategoryFactory(name="Erzeuger & <Herkunft>", slug="herkunft")
    BlogPageFactory(parent=blog, categories_list=[origin])
    html = get(client, "/blog/category/herkunft/")
    assert document_title(html) == "Erzeuger &amp; &lt;Herkunft&gt; – Blog – Theke"


# Authors


def test_the_author_page_shows_photo_name_role_bio_and_posts(client, story):
    html = get(client, "/blog/author/greta-hansen/")
    assert re.search(r'<img alt="Greta Hansen"[^>]*class="author-profile__photo"', html)
    assert "<h1" in html and "Greta Hansen" in html
    assert "Inhaberin" in html
    assert "Steht seit Jahren an der Theke." in html
    assert "Warum unser Käse reift" in html
    assert "Rohmilch erklärt" not in html


# Producers


@pytest.fixture
def farm(site):
    _, _, producers = site
    farm = ProducerPageFactory(
        parent=producers,
        title="Milchhof Brandt",
        place="Lindenau",
        region="Uckermark",
        hero_image=ImageFactory(),
        hero_alt="Kühe auf der Weide",
        website="https://milchhof.example/",
        visiting="<p>Hofladen samstags offen.</p>",
    )
    farm.certifications.set([CertificationFactory(name="EU-Bio", code="DE-ÖKO-006")])
    ProducerPageGalleryImage.objects.create(
        page=farm, image=ImageFactory(), alt="Der Melkstand", caption="Morgens"
    )
    farm.save_revision().publish()
    farm.refresh_from_db()
    return farm


def test_the_producers_index_shows_a_card_per_producer(client, site, farm):
    _, _, producers = site
    html = get(client, producers.url)
    assert f'href="{farm.url}"' in html
    assert "Lindenau, Uckermark" in html
    assert 'alt="Kühe auf der Weide"' in html
    assert "EU-Bio" in html


def test_a_producer_page_shows_facts_certifications_photos_and_stories(
    client, site, farm
):
    _, blog, _ = site
    BlogPageFactory(parent=blog, title="Zu Besuch bei Brandts", producers=[farm])
    html = get(client, farm.url)
    assert "<h1" in html and "Milchhof Brandt" in html
    assert "DE-ÖKO-006" in html
    assert 'href="https://milchhof.example/"' in html
    assert "Hofladen samstags offen." in html
    assert 'alt="Der Melkstand"' in html
    assert "Zu Besuch bei Brandts" in html
    assert "Milch, Käse und Butter." in html
