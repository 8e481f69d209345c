"""Pinned query counts of every public page, the same with ten times the data.

A shop is built at scale 1 and at scale 10: ten times the posts, producers,
products, comments, questions, topics, authors, categories and pictures. Each
address is requested once to fill menus and renditions, then a second,
anonymous request is counted with the page cache out of the way, so the
number is what a real render costs. A member's counts are pinned the same way
for the pages members open most.

A number that changes is a change in what every view of that page costs: find
the new query before changing the pin. A number that differs between the two
scales is a query per item shown; fix it where the page is built.
"""

import pytest

from blog.models import ProducerPageGalleryImage
from tests.factories import (
    PASSWORD,
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    CertificationFactory,
    ImageFactory,
    ProducerPageFactory,
    ProductFactory,
    ProductSourceFactory,
    add_comment,
    answer,
    ask,
    build_board,
    build_catalogue,
    build_site,
    category,
    member,
    paragraph,
    products_block,
    publish,
    reply,
    staff,
    topic,
    warm_count,
)

pytestmark = pytest.mark.django_db


# Anonymous readers' warm requests, with the page cache out of the way. Six of
# those of posts, producers, products and topics are their discussion
# (community/discussions: comments, replies, authors' badges, reactions). The
# site and its root page are not among them: each process remembers them
# while nothing was purged (home/routing.py).
PINNED = {
    "home": 7,
    "blog_index": 7,
    "blog_index_page_2": 7,
    "blog_category": 8,
    "blog_tag": 8,
    "blog_author": 7,
    "post": 15,
    "producer_index": 4,
    "producer": 11,
    "catalogue": 5,
    "catalogue_page_2": 5,
    "catalogue_category": 5,
    "catalogue_producer": 5,
    "catalogue_availability": 5,
    "catalogue_search": 5,
    "product": 14,  # with three for its questions and their authors
    "board": 5,
    "board_category": 5,
    "topic": 7,
    "question": 5,
    "rss": 5,
    "atom": 5,
    "category_rss": 6,
    "category_atom": 6,
    # The index: each section's count and newest date, the blog's two kinds.
    "sitemap": 8,
    "sitemap_pages": 7,
    "sitemap_blog": 2,
    "sitemap_products": 2,
    "sitemap_products_2": 2,
    "impressum": 0,
    "privacy": 0,
    "feedback": 0,
    "feedback_counter": 0,
    "feedback_delivery": 0,
    "feedback_online": 0,
    "search": 5,
    "robots": 0,
}

# A logged-in member's warm requests of the pages members open most, every part
# rendered: three more for the session, the account and the profile (the
# admin's user bar, with its permission lookups, is for the team only). Their
# interests, hidden categories and own reactions and waiting comments under a
# discussion each process remembers while nothing was purged
# (community/members/preferences.py, community/discussions/reading.py).
PINNED_FOR_MEMBERS = {
    "home": 10,
    "post": 18,
    "product": 17,
    "board": 8,
}


@pytest.fixture(autouse=True)
def _real_renders(settings):
    """Counts are of pages rendered, not of pages served from the page cache.

    The shared cache keeps everything it is given, as Redis does in production:
    Django's in-memory cache drops entries past 300, and the renditions of ten
    times the pictures would push the menu out of it between two requests.
    """
    settings.PAGE_CACHE_ENABLED = False
    # Sitemap files of ten addresses: a second file of products at both scales.
    # (The pages' second file holds other page types at the two scales, each
    # with its query: their first holds the home page, the blog and posts.)
    settings.SITEMAP_LIMIT = 10
    settings.CACHES = {
        name: {**config, "OPTIONS": {**config.get("OPTIONS", {}), "MAX_ENTRIES": 10**6}}
        if config["BACKEND"].endswith("LocMemCache")
        else config
        for name, config in settings.CACHES.items()
    }


def build_shop(scale):
    """A shop whose every kind of content grows with `scale`; the pages to count."""
    home, blog, producers_index = build_site()
    catalogue = build_catalogue(home)
    board = build_board(home)
    team = staff("Greta Theke")
    members = [member(f"Leserin{n} Hof") for n in range(3 * scale)]

    certifications = [CertificationFactory() for _ in range(2 * scale)]
    producers = []
    for _ in range(2 * scale):
        producer = ProducerPageFactory(
            parent=producers_index, hero_image=ImageFactory()
        )
        producer.certifications.set(certifications[:2])
        for position in range(2):
            ProducerPageGalleryImage.objects.create(
                page=producer, image=ImageFactory(), alt="Hof", sort_order=position
            )
        producers.append(publish(producer))

    source = ProductSourceFactory()
    products = [
        ProductFactory(
            source=source,
            producer=producers[n % len(producers)],
            image=ImageFactory(),
            category=f"Sorte {n % (2 * scale)}",
        )
        for n in range(30 * scale)
    ]

    authors = [AuthorFactory() for _ in range(2 * scale)]
    categories = [CategoryFactory() for _ in range(2 * scale)]
    posts = []
    for n in range(12 * scale):
        post = BlogPageFactory(
            parent=blog,
            authors=[authors[n % len(authors)], authors[(n + 1) % len(authors)]],
            producers=[
                producers[n % len(producers)],
                producers[(n + 1) % len(producers)],
            ],
            categories_list=[categories[n % len(categories)], categories[0]],
            tag_names=[f"tag-{n}", "hof"],
            body=[
                paragraph("Frisch vom Hof."),
                products_block(products[n % len(products)], products[0]),
            ],
        )
        posts.append(post)
        for number in range(2):
            add_comment(post, members[(n + number) % len(members)], f"Gut {number}")

    cheese = products[0]
    for n in range(3 * scale):
        question = ask(cheese, members[n % len(members)], f"Frage {n} zum Käse?")
        answer(question, team, f"Antwort {n}.")
    for n in range(3 * scale):
        add_comment(cheese, members[n % len(members)], f"Lecker {n}")
    for producer in producers[:2]:
        for n in range(scale):
            add_comment(producer, members[n % len(members)], f"Schöner Hof {n}")

    board_categories = [
        category(f"Ecke {n}", slug=f"ecke-{n}", order=n) for n in range(2 * scale)
    ]
    topics = []
    for n in range(5 * scale):
        started = topic(
            members[n % len(members)],
            board_categories[n % len(board_categories)],
            title=f"Thema {n}",
            days_ago=n,
        )
        started.products.set(products[:2])
        for number in range(2):
            reply(started, members[(n + number + 1) % len(members)], f"Ja {number}")
        topics.append(started)

    post, producer, first_topic = posts[-1], producers[0], topics[0]
    question = cheese.questions.first()
    return {
        "home": "/",
        "blog_index": blog.url,
        "blog_index_page_2": blog.url + "?page=2",
        "blog_category": blog.url
        + blog.reverse_subpage("category", args=[categories[0].slug]),
        "blog_tag": blog.url + blog.reverse_subpage("tag", args=["hof"]),
        "blog_author": blog.url
        + blog.reverse_subpage("author", args=[authors[0].slug]),
        "post": post.url,
        "producer_index": producers_index.url,
        "producer": producer.url,
        "catalogue": catalogue.url,
        "catalogue_page_2": catalogue.url + "?page=2",
        "catalogue_category": catalogue.url + "?category=Sorte+0",
        "catalogue_producer": catalogue.url + f"?producer={producer.slug}",
        "catalogue_availability": catalogue.url + "?availability=in_stock",
        "catalogue_search": catalogue.url + "?q=Bergk%C3%A4se",
        "product": catalogue.url
        + catalogue.reverse_subpage("product", args=[cheese.slug]),
        "board": board.url,
        "board_category": board.url
        + board.reverse_subpage("category", args=[board_categories[0].slug]),
        "topic": board.url + board.reverse_subpage("topic", args=[first_topic.slug]),
        "question": board.url + board.reverse_subpage("question", args=[question.pk]),
        "rss": blog.url + "feed/",
        "atom": blog.url + "atom/",
        "category_rss": blog.url
        + blog.reverse_subpage("category_feed", args=[categories[0].slug, "feed"]),
        "category_atom": blog.url
        + blog.reverse_subpage("category_feed", args=[categories[0].slug, "atom"]),
        "sitemap": "/sitemap.xml",
        "sitemap_pages": "/sitemap-pages.xml",
        "sitemap_blog": "/sitemap-blog.xml",
        "sitemap_products": "/sitemap-products.xml",
        "sitemap_products_2": "/sitemap-products.xml?p=2",
        "impressum": "/impressum/",
        "privacy": "/privacy/",
        "feedback": "/feedback/",
        "feedback_counter": "/feedback/?channel=counter",
        "feedback_delivery": "/feedback/?channel=delivery",
        "feedback_online": "/feedback/?channel=online",
        # Found among producers only, at both scales fewer than the first pass
        # takes: a search costs a query per kind of page it finds.
        "search": "/search/?q=Weidehaltung",
        "robots": "/robots.txt",
    }, members[0]


def counts(client, scale):
    """The warm counts of every public page, and of members' pages logged in."""
    urls, reader = build_shop(scale)
    anonymous = {name: warm_count(client, url) for name, url in urls.items()}
    assert client.login(username=reader.username, password=PASSWORD)
    members = {name: warm_count(client, urls[name]) for name in PINNED_FOR_MEMBERS}
    return anonymous, members


@pytest.mark.parametrize("scale", [1, 10])
def test_every_public_page_costs_its_pinned_queries_at_any_scale(client, scale):
    anonymous, members = counts(client, scale)

    assert anonymous == PINNED
    assert members == PINNED_FOR_MEMBERS
