import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.models import (
    BlogIndexPage,
    BlogPage,
    ProducerPage,
    ProducersIndexPage,
)
from home.models import HomePage
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    ProducerPageFactory,
    build_site,
    make_draft,
    make_private,
    paragraph,
)

# The page tree


class TestPageTree(WagtailPageTestCase):
    def test_the_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_the_home_page_takes_the_sections_that_name_it(self):
        self.assertCanCreateAt(HomePage, BlogIndexPage)
        self.assertCanCreateAt(HomePage, ProducersIndexPage)
        self.assertCanNotCreateAt(HomePage, BlogPage)
        self.assertCanNotCreateAt(HomePage, ProducerPage)

    def test_the_blog_sits_under_the_home_page_and_holds_posts_only(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})

    def test_a_post_sits_in_the_blog_and_has_no_children(self):
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPage, set())

    def test_producers_sit_under_the_home_page_and_hold_producer_stories_only(self):
        self.assertAllowedParentPageTypes(ProducersIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProducersIndexPage, {ProducerPage})

    def test_a_producer_story_sits_in_the_producers_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ProducerPage, {ProducersIndexPage})
        self.assertAllowedSubpageTypes(ProducerPage, set())

    def test_there_is_one_home_page_one_blog_and_one_producers_section(self):
        home, blog, producers = build_site()
        self.assertFalse(HomePage.can_create_at(home.get_parent()))
        self.assertFalse(BlogIndexPage.can_create_at(home))
        self.assertFalse(ProducersIndexPage.can_create_at(home))
        self.assertTrue(BlogPage.can_create_at(blog))
        self.assertTrue(ProducerPage.can_create_at(producers))

    def test_every_page_type_and_blog_route_renders(self):
        _, blog, producers = build_site()
        author = AuthorFactory()
        category = CategoryFactory()
        post = BlogPageFactory(
            parent=blog, authors=[author], categories_list=[category], tag_names=["x"]
        )
        producer = ProducerPageFactory(parent=producers)
        for page in (blog.get_parent().specific, blog, post, producers, producer):
            self.assertPageIsRenderable(page)
        for route in (
            f"category/{category.slug}/",
            "tag/x/",
            f"author/{author.slug}/",
            "feed/",
            "atom/",
            f"category/{category.slug}/feed/",
            f"category/{category.slug}/atom/",
        ):
            self.assertPageIsRoutable(blog, route)
            self.assertPageIsRenderable(blog, route)

    def test_every_page_type_can_be_previewed_by_an_editor(self):
        home, blog, producers = build_site()
        author = AuthorFactory()
        post = BlogPageFactory(parent=blog, authors=[author])
        producer = ProducerPageFactory(parent=producers)
        for page in (home, blog, producers):
            self.assertPageIsPreviewable(page)
        # Stream fields are drawn by the browser, so their form data is given here.
        self.assertPageIsPreviewable(
            post,
            post_data=nested_form_data(
                {
                    "title": "Vorschau",
                    "slug": post.slug,
                    "intro": "Noch nicht veröffentlicht.",
                    "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                    "post_authors": inline_formset([{"author": author.pk}]),
                    "post_producers": inline_formset([]),
                    "date": "2026-05-02",
                    "comments": inline_formset([]),
                }
            ),
        )
        self.assertPageIsPreviewable(
            producer,
            post_data=nested_form_data(
                {
                    "title": "Vorschau",
                    "slug": producer.slug,
                    "place": "Lindenau",
                    "summary": "Noch nicht veröffentlicht.",
                    "what_they_make": "Käse",
                    "how_they_produce": "Mit Geduld",
                    "story": streamfield([]),
                    "gallery_images": inline_formset([]),
                    "comments": inline_formset([]),
                }
            ),
        )


# Rendering with key content


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def story(site):
    """A post with everything a post can name, and the people and things it names."""
    _, blog, producers = site
    greta = AuthorFactory(name="Greta Hansen", role="Käsetheke", bio="Seit 1998 dabei.")
    ole = AuthorFactory(name="Ole Brandt")
    category = CategoryFactory(name="Neues vom Hof", slug="neues-vom-hof")
    producer = ProducerPageFactory(
        parent=producers,
        title="Hof Lindenau",
        summary="Ziegen auf der Weide, Käse aus der eigenen Käserei.",
        what_they_make="Ziegenkäse, Ziegenmilch und Quark.",
    )
    post = BlogPageFactory(
        parent=blog,
        title="Der erste Ziegenkäse des Jahres",
        intro="Im Mai kommt der erste Frischkäse von Hof Lindenau.",
        body=[paragraph("Die Ziegen sind wieder draußen auf der Weide.")],
        authors=[greta, ole],
        categories_list=[category],
        tag_names=["ziegenmilch"],
        producers=[producer],
    )
    return {
        "post": post,
        "author": greta,
        "coauthor": ole,
        "category": category,
        "producer": producer,
        "blog": blog,
        "producers": producers,
    }


def get_ok(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_home_page_shows_the_newest_story_and_the_producers(client, story):
    html = get_ok(client, "/")
    assert "Der erste Ziegenkäse des Jahres" in html
    assert "Hof Lindenau" in html


def test_the_blog_lists_posts_with_intro_and_authors(client, story):
    html = get_ok(client, story["blog"].url)
    assert "Der erste Ziegenkäse des Jahres" in html
    assert "Im Mai kommt der erste Frischkäse von Hof Lindenau." in html
    assert "Greta Hansen" in html
    assert "Ole Brandt" in html
    assert "Neues vom Hof" in html


def test_a_post_shows_its_text_authors_category_tags_and_producers(client, story):
    html = get_ok(client, story["post"].url)
    assert "Der erste Ziegenkäse des Jahres" in html
    assert "Im Mai kommt der erste Frischkäse von Hof Lindenau." in html
    assert "Die Ziegen sind wieder draußen auf der Weide." in html
    assert "Greta Hansen" in html
    assert "Ole Brandt" in html
    assert "Neues vom Hof" in html
    assert "ziegenmilch" in html
    assert "Hof Lindenau" in html
    assert story["producer"].url in html


def test_a_category_page_lists_only_its_posts(client, story):
    BlogPageFactory(parent=story["blog"], title="Brot vom Bäcker")
    html = get_ok(client, "/blog/category/neues-vom-hof/")
    assert "Der erste Ziegenkäse des Jahres" in html
    assert "Brot vom Bäcker" not in html


def test_the_category_filter_lists_only_its_posts(client, story):
    BlogPageFactory(parent=story["blog"], title="Brot vom Bäcker")
    html = get_ok(client, story["blog"].url, category="neues-vom-hof")
    assert "Der erste Ziegenkäse des Jahres" in html
    assert "Brot vom Bäcker" not in html


@pytest.mark.parametrize("name", ["category", "tag", "author"])
def test_an_unknown_filter_value_lists_nothing_but_renders(client, story, name):
    html = get_ok(client, story["blog"].url, **{name: "gibt-es-nicht"})
    assert "Der erste Ziegenkäse des Jahres" not in html


def test_a_tag_page_lists_only_posts_with_that_tag(client, story):
    BlogPageFactory(parent=story["blog"], title="Brot vom Bäcker", tag_names=["brot"])
    html = get_ok(client, "/blog/tag/ziegenmilch/")
    assert "Der erste Ziegenkäse des Jahres" in html
    assert "Brot vom Bäcker" not in html


def test_an_author_page_shows_the_person_and_their_posts(client, story):
    BlogPageFactory(parent=story["blog"], title="Brot vom Bäcker")
    html = get_ok(client, f"/blog/author/{story['author'].slug}/")
    assert "Greta Hansen" in html
    assert "Käsetheke" in html
    assert "Seit 1998 dabei." in html
    assert "Der erste Ziegenkäse des Jahres" in html
    assert "Brot vom Bäcker" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/blog/category/gibt-es-nicht/",
        "/blog/tag/gibt-es-nicht/",
        "/blog/author/gibt-es-nicht/",
        "/blog/gibt-es-nicht/",
        "/producers/gibt-es-nicht/",
    ],
)
def test_unknown_routes_and_slugs_are_not_found(client, story, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("number", ["999", "abc", "0", "-1", ""])
def test_any_page_number_gives_a_page_of_the_listing(client, story, number):
    html = get_ok(client, story["blog"].url, page=number)
    assert "Der erste Ziegenkäse des Jahres" in html


def test_a_page_number_beyond_the_end_shows_the_last_page(client, story):
    for number in range(10):
        BlogPageFactory(parent=story["blog"], title=f"Ältere Geschichte {number}")
    response = client.get(story["blog"].url, {"page": 999})
    assert response.context["posts"].number == 2


def test_the_producers_page_lists_producers_with_their_summary(client, story):
    html = get_ok(client, story["producers"].url)
    assert "Hof Lindenau" in html
    assert "Ziegen auf der Weide, Käse aus der eigenen Käserei." in html


def test_a_producer_page_shows_its_story_and_the_posts_that_name_it(client, story):
    html = get_ok(client, story["producer"].url)
    assert "Hof Lindenau" in html
    assert "Ziegen auf der Weide, Käse aus der eigenen Käserei." in html
    assert "Ziegenkäse, Ziegenmilch und Quark." in html
    assert "Lindenau" in html
    assert "Der erste Ziegenkäse des Jahres" in html


def test_an_unknown_path_renders_the_sites_404_page(client, site):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


# Drafts and private pages


@pytest.fixture
def hidden(story):
    """A draft and a private post and producer, in the category and by the author."""
    blog, producers = story["blog"], story["producers"]

    def post(title):
        return BlogPageFactory(
            parent=blog,
            title=title,
            authors=[story["author"]],
            categories_list=[story["category"]],
            tag_names=["ziegenmilch"],
            producers=[story["producer"]],
        )

    draft = make_draft(post("Entwurf über Ziegen"))
    private = make_private(post("Interna über Ziegen"))
    draft_producer = make_draft(
        ProducerPageFactory(parent=producers, title="Hof Entwurf")
    )
    private_producer = make_private(
        ProducerPageFactory(parent=producers, title="Hof Intern")
    )
    return [draft, private, draft_producer, private_producer]


HIDDEN_TITLES = [
    "Entwurf über Ziegen",
    "Interna über Ziegen",
    "Hof Entwurf",
    "Hof Intern",
]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/blog/",
        "/blog/category/neues-vom-hof/",
        "/blog/tag/ziegenmilch/",
        "/blog/?category=neues-vom-hof",
        "/producers/",
        "/producers/hof-lindenau/",
    ],
)
def test_drafts_and_private_pages_are_not_listed(client, story, hidden, path):
    html = get_ok(client, path)
    assert "Der erste Ziegenkäse des Jahres" in html or "Hof Lindenau" in html
    for title in HIDDEN_TITLES:
        assert title not in html


def test_an_author_page_does_not_list_drafts_or_private_posts(client, story, hidden):
    html = get_ok(client, f"/blog/author/{story['author'].slug}/")
    assert "Der erste Ziegenkäse des Jahres" in html
    for title in HIDDEN_TITLES:
        assert title not in html


def test_a_draft_is_not_found_and_a_private_post_asks_for_a_login(client, hidden):
    draft, private, draft_producer, private_producer = hidden
    assert client.get("/blog/entwurf-uber-ziegen/").status_code == 404
    assert client.get("/producers/hof-entwurf/").status_code == 404
    for page in (private, private_producer):
        response = client.get(page.url)
        assert response.status_code == 302
        assert "Interna" not in response.content.decode()


def test_a_category_counts_only_live_public_posts(client, story, hidden):
    response = client.get(story["blog"].url)
    [category] = response.context["categories"]
    assert category.post_count == 1


# Query counts


def count_queries(client, url):
    # Warm the caches: site, settings (made by the first request, which purges
    # every page), renditions, and the page the address leads to.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    ["/", "/blog/", "/blog/category/neues-vom-hof/", "/blog/author/greta-hansen/"],
)
@pytest.mark.usefixtures("rendered")
def test_listings_take_as_many_queries_for_many_posts_as_for_one(client, site, path):
    _, blog, _ = site
    author = AuthorFactory(name="Greta Hansen")
    category = CategoryFactory(name="Neues vom Hof", slug="neues-vom-hof")

    def add_post():
        BlogPageFactory(
            parent=blog,
            authors=[author, AuthorFactory()],
            categories_list=[category, CategoryFactory()],
        )

    add_post()
    few = count_queries(client, path)
    for _ in range(5):
        add_post()
    assert count_queries(client, path) == few


@pytest.mark.usefixtures("rendered")
def test_the_producers_page_takes_as_many_queries_for_many_producers(client, site):
    _, _, producers = site
    ProducerPageFactory(parent=producers)
    few = count_queries(client, producers.url)
    for _ in range(5):
        ProducerPageFactory(parent=producers)
    assert count_queries(client, producers.url) == few


@pytest.mark.django_db
def test_a_tag_with_an_umlaut_gets_a_slug_that_links_and_filters(client):
    _, blog, _ = build_site()
    post = BlogPageFactory(parent=blog, title="Bergkäse vom Hof", tag_names=["Käse"])
    response = client.get(post.url)
    assert response.status_code == 200
    tag_url = blog.url + blog.reverse_subpage("tag", args=["kase"])
    assert tag_url in response.text
    assert "Bergkäse vom Hof" in client.get(tag_url).text
