"""New pages' slugs spell umlauts out, as German writes them without the letters:
in the admin's slug field, for pages the admin's form sends with the slug Wagtail's
own rules made, and for pages saved in code without a slug."""

import json
from html import unescape

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.models import Author, BlogPage, ProducerPage
from home.slugs import SpelledOutSlugs
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    build_site,
    paragraph,
    staff,
)

pytestmark = pytest.mark.django_db

TITLE = "Käse aus dem Allgäu"


@pytest.fixture
def blog():
    return build_site()[1]


@pytest.fixture
def producers():
    return build_site()[2]


def new_post(title, **fields):
    return BlogPage(
        title=title, intro="Ein Besuch.", body=[paragraph("Text.")], **fields
    )


# Pages saved in code


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (TITLE, "kaese-aus-dem-allgaeu"),
        ("Öl aus der Ölmühle", "oel-aus-der-oelmuehle"),
        ("Übers Wochenende: Straßenfest", "uebers-wochenende-strassenfest"),
        ("Brot und Butter", "brot-und-butter"),
    ],
)
def test_a_page_saved_without_a_slug_gets_one_with_umlauts_spelled_out(
    blog, title, slug
):
    post = blog.add_child(instance=new_post(title))

    assert post.slug == slug
    assert post.url == f"/blog/{slug}/"


def test_a_draft_saved_without_a_slug_gets_one_with_umlauts_spelled_out(blog):
    post = blog.add_child(instance=new_post(TITLE, live=False))

    assert post.slug == "kaese-aus-dem-allgaeu"


def test_a_second_page_of_the_same_title_gets_a_number(blog):
    blog.add_child(instance=new_post(TITLE))

    second = blog.add_child(instance=new_post(TITLE))

    assert second.slug == "kaese-aus-dem-allgaeu-2"


@pytest.mark.parametrize(
    "sent",
    [
        "sue-grue",  # as Wagtail's server makes it: "ß" left out
        "susse-grusse",  # as Wagtail's admin script made it: "ß" as "ss"
    ],
)
def test_the_slug_wagtail_made_by_dropping_the_dots_is_spelled_out(blog, sent):
    post = blog.add_child(instance=new_post("Süße Grüße", slug=sent))

    assert post.slug == "suesse-gruesse"


def test_the_slug_wagtail_made_is_kept_if_the_spelled_out_one_is_taken(blog):
    blog.add_child(instance=new_post("Süße Grüße"))

    second = blog.add_child(instance=new_post("Süße Grüße", slug="susse-grusse"))

    assert second.slug == "susse-grusse"


def test_a_slug_chosen_by_hand_is_kept(blog):
    post = blog.add_child(instance=new_post(TITLE, slug="allgaeuer-bergkaese"))

    assert post.slug == "allgaeuer-bergkaese"


def test_a_saved_page_keeps_its_address_when_edited(blog):
    post = BlogPageFactory(parent=blog, title=TITLE)
    # Saved before slugs spelled umlauts out.
    BlogPage.objects.filter(pk=post.pk).update(slug="kase-aus-dem-allgau")
    post.refresh_from_db()

    post.intro = "Neu erzählt."
    post.save_revision().publish()
    post.refresh_from_db()

    assert post.slug == "kase-aus-dem-allgau"


def test_every_page_type_of_the_site_spells_umlauts_out():
    ours = {app.label for app in apps.get_app_configs() if app.name.count(".") == 0}
    ours -= {"wagtailcore"}
    page_models = [
        model for model in get_page_models() if model._meta.app_label in ours
    ]

    assert ProducerPage in page_models
    assert [m for m in page_models if not issubclass(m, SpelledOutSlugs)] == []


def test_an_author_saved_without_a_slug_gets_one_with_umlauts_spelled_out():
    author = AuthorFactory(name="Jörg Schäfer", slug="")

    assert Author.objects.get(pk=author.pk).slug == "joerg-schaefer"


# The admin


@pytest.fixture
def editor(client):
    client.force_login(staff("Lena Lindner", superuser=True))
    return client


def create_post(editor, blog, slug):
    author = AuthorFactory()
    data = nested_form_data(
        {
            "title": TITLE,
            "slug": slug,
            "intro": "Ein Besuch in der Sennerei.",
            "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
            "post_authors": inline_formset([{"author": author.pk}]),
            "post_producers": inline_formset([]),
            "date": "2026-05-02",
            "comments": inline_formset([]),
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog.pk])
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return BlogPage.objects.get(title=TITLE)


def test_the_admins_slug_field_spells_umlauts_out_before_wagtails_rules(editor, blog):
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog.pk])

    html = editor.get(url).content.decode()

    start = html.index('id="id_slug"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    formatters = tag.split('data-w-slug-formatters-value="')[1].split('"')[0]
    rules = {
        pattern[0]: replacement
        for pattern, replacement in json.loads(unescape(formatters))
    }
    assert rules == {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
    }


@pytest.mark.parametrize(
    "sent",
    [
        "kaese-aus-dem-allgaeu",  # as the admin's script now writes it
        "kase-aus-dem-allgau",  # as Wagtail's own rules wrote it
    ],
)
def test_a_post_created_in_the_admin_gets_the_spelled_out_slug(editor, blog, sent):
    post = create_post(editor, blog, sent)

    assert post.slug == "kaese-aus-dem-allgaeu"


def test_a_slug_typed_in_the_admin_is_kept(editor, blog):
    post = create_post(editor, blog, "allgaeuer-kaese")

    assert post.slug == "allgaeuer-kaese"
