"""`load_demo` builds the whole demo shop once, and a second run changes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from blog.models import (
    Author,
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    ProducerPage,
    ProducersIndexPage,
)
from demo import load
from demo.run import DemoRun
from demo.shop import ensure_home_page, ensure_shop_settings, ensure_site
from home.models import HomePage, ShopSettings
from shop_link.models import FeedImage
from tests.factories import run_load_demo

pytestmark = pytest.mark.django_db

DEMO_HOST = "localhost:8000"


def snapshot():
    """What a second run must not change: counts, timestamps and files."""
    Image = get_image_model()
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "path",
                "title",
                "live",
                "latest_revision_id",
                "last_published_at",
                "latest_revision_created_at",
            )
        ),
        "revisions": Revision.objects.count(),
        "images": list(
            Image.objects.order_by("pk").values_list("title", "file", "file_hash")
        ),
        "authors": list(Author.objects.values_list("slug", "photo_id")),
        "categories": BlogCategory.objects.count(),
        "settings": list(ShopSettings.objects.values()),
        "sites": list(Site.objects.values()),
        "tags": sorted(BlogPage.objects.values_list("slug", "tagged_items__tag__slug")),
    }


class TestDemoContent:
    """Tests that read (or change, inside their own transaction) the loaded demo."""

    def test_load_demo_builds_a_shop_with_people_producers_and_posts(self, demo):
        assert "Demo shop ready" in demo
        assert Author.objects.filter(photo__isnull=False).count() >= 3
        producers = ProducerPage.objects.live()
        assert producers.count() == 4
        for producer in producers:
            assert producer.hero_image and producer.hero_alt
            assert producer.gallery_images.count() >= 2
            assert producer.certifications.exists()
            assert any(block.block_type == "quote" for block in producer.story)
        posts = BlogPage.objects.live()
        assert posts.count() >= 10
        assert (
            BlogCategory.objects.filter(blog_pages__live=True).distinct().count() >= 3
        )
        for post in posts:
            assert post.hero_image and post.hero_alt
            assert post.post_authors.exists()
            assert post.tags.exists()
            assert post.categories.exists()
            assert any(block.block_type == "image" for block in post.body)
        block_types = {block.block_type for post in posts for block in post.body}
        expected = {"heading", "paragraph", "image", "gallery", "quote", "video"}
        assert expected <= block_types

    def test_demo_posts_take_two_to_five_minutes_to_read(self, demo):
        minutes = set(BlogPage.objects.values_list("reading_minutes", flat=True))

        assert minutes and min(minutes) >= 2 and max(minutes) <= 5

    def test_demo_site_serves_the_home_page_at_localhost_8000(self, demo):
        site = Site.objects.get(is_default_site=True)
        settings = ShopSettings.for_site(site)

        assert (site.hostname, site.port) == ("localhost", 8000)
        assert site.root_page.specific_class is HomePage
        assert site.site_name == settings.shop_name == "Hofladen Lindenhof"
        assert settings.shop_url.startswith("https://shop.example.com")
        assert settings.opening_hours_lines
        home = site.root_page.specific
        assert home.hero_title and home.hero_image and home.live
        sections = (
            BlogIndexPage.objects.child_of(home).get(),
            ProducersIndexPage.objects.get(),
        )
        assert [(page.slug, page.show_in_menus) for page in sections] == [
            ("blog", True),
            ("producers", True),
        ]

    def test_demo_pictures_are_jpegs_in_the_demo_collection(self, demo):
        images = get_image_model().objects.all()

        assert images.count() >= 30
        # Pictures the product feeds link to go into a collection of their own.
        drawn = images.exclude(pk__in=FeedImage.objects.values("image"))
        assert set(drawn.values_list("collection__name", flat=True)) == {"Demo"}
        for image in images:
            assert image.file.name.endswith(".jpg")
            assert image.width and image.height and image.file_size and image.file_hash

    def test_running_load_demo_twice_leaves_the_same_content(self, demo):
        before = snapshot()

        output = run_load_demo()

        assert "nothing changed" in output
        assert snapshot() == before

    def test_load_demo_recreates_only_what_is_missing(self, demo):
        BlogPage.objects.get(slug="sauerteig-zu-hause").delete()
        images = get_image_model().objects.count()

        output = run_load_demo()

        assert "1 post" in output
        assert BlogPage.objects.live().filter(slug="sauerteig-zu-hause").exists()
        assert get_image_model().objects.count() == images

    def test_demo_pages_render(self, demo, client):
        blog = BlogIndexPage.objects.get()
        urls = [
            "/",
            blog.url,
            blog.url + "?tag=kaese",
            blog.url + blog.reverse_subpage("category", args=["rezepte"]),
            blog.url + blog.reverse_subpage("tag", args=["weidehaltung"]),
            blog.url + blog.reverse_subpage("author", args=["greta-lindner"]),
            blog.url + blog.reverse_subpage("feed", kwargs={"kind": "feed"}),
            ProducersIndexPage.objects.get().url,
        ]
        pages = [*BlogPage.objects.live(), *ProducerPage.objects.live()]
        urls += [page.url for page in pages]

        for url in urls:
            response = client.get(url, HTTP_HOST=DEMO_HOST)
            assert response.status_code == 200, url
        for page in pages:
            response = client.get(page.url, HTTP_HOST=DEMO_HOST)
            assert page.title in response.text

    def test_the_steps_run_after_the_site_is_set_up_in_their_order(
        self, demo, monkeypatch
    ):
        calls = []

        def first(run):
            calls.append(("first", run.site.root_page_id == run.home.pk))
            run.record("widget")

        def second(run):
            calls.append(("second", run.home.hero_title != ""))

        monkeypatch.setattr(load, "STEPS", (first, second))
        output = run_load_demo()

        assert calls == [("first", True), ("second", True)]
        assert "1 widget" in output


def test_the_shop_comes_first_then_stories_products_and_the_community():
    assert [step.__module__ for step in load.STEPS] == [
        "demo.shop",
        "demo.stories",
        "demo.products",
        "demo.board",
        "demo.discussions",
        "demo.questions",
        "demo.moderation",
        "demo.interests",
        "demo.feedback",
    ]


def test_the_demo_keeps_a_site_and_shop_settings_staff_have_filled_in():
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Metzgerei Huber"
    site.save()
    ShopSettings.objects.create(site=site, shop_name="Metzgerei Huber", tagline="Wurst")
    home = ensure_home_page()

    kept, changed = ensure_site(home)
    run = DemoRun(site=kept, home=home)
    ensure_shop_settings(run)

    site.refresh_from_db()
    assert kept == site and not changed
    assert (site.site_name, site.port) == ("Metzgerei Huber", 80)
    assert ShopSettings.for_site(site).tagline == "Wurst"
    assert not run.changed


def test_load_demo_refuses_a_picture_scale_of_zero():
    with pytest.raises(CommandError, match="image-scale"):
        call_command("load_demo", image_scale=0, stdout=io.StringIO())

    assert not BlogPage.objects.exists()
