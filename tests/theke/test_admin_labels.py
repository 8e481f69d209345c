"""The admin's labels: sentence case in German and English, German nouns with their
capital, each label in the language of the request and none in the other."""

import json
import re

import pytest
from django.apps import apps
from django.utils import translation

from blog.models import BlogIndexPage
from community.models import ModerationState
from shop_link.models import BrandProducer
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    CertificationFactory,
    ask,
    build_shop,
    category,
    member,
    paragraph,
    products_block,
    staff,
    text_of,
    topic,
)

pytestmark = pytest.mark.django_db

OUR_APPS = ("home", "blog", "shop_link", "community")

# A German label for something to add: a word, then "hinzufügen" ("Autor
# hinzufügen"); a noun there starts upper-case.
GERMAN_ADD = re.compile(r"([\wäöüßÄÖÜ-]+) hinzufügen")
# Lower-case words that may stand before "hinzufügen" in a German sentence.
GERMAN_NOT_NOUNS = {"oder", "und", "zu", "zum", "zur"}
# An English label for something to add: "Add author", never "Add Authors".
ENGLISH_ADD = re.compile(r"\bAdd ([A-Z]\w*)")
# Words of one language only, as they appear in chooser buttons and headings.
ENGLISH_ONLY = re.compile(r"\b(Choose|Add|Select this)\b")
GERMAN_ONLY = re.compile(r"\b(auswählen|hinzufügen)\b")
# Menu labels both languages write alike.
SAME_IN_BOTH = {"Blog", "Moderation", "Workflows"}


@pytest.fixture
def shop():
    """Something of every kind the admin lists, and an admin looking at it."""
    shop = build_shop()
    author = AuthorFactory(name="Greta Lindner")
    CategoryFactory(name="Rezepte")
    CertificationFactory(name="Bioland")
    board_category = category()
    asker = member("Heike Brandt")
    shop["topic"] = topic(asker, board_category)
    ask(shop["cheese"], asker, state=ModerationState.PENDING)
    BrandProducer.objects.create(brand="Wendt", producer=shop["producer"])
    shop["blog"] = BlogIndexPage.objects.get()
    shop["post"] = BlogPageFactory(
        parent=shop["blog"],
        authors=[author],
        producers=[shop["producer"]],
        body=[paragraph("Ein Besuch."), products_block(shop["cheese"])],
    )
    return shop


@pytest.fixture
def admin_client(client):
    client.force_login(staff("Greta Lindner", superuser=True))
    return client


def get(client, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, follow=True)
    assert response.status_code == 200, url
    return response


def admin_pages(shop):
    """The admin pages staff work in: listings, add and edit forms, reports."""
    snippets = "/admin/snippets"
    return [
        "/admin/",
        f"{snippets}/blog/author/",
        f"{snippets}/blog/author/add/",
        f"{snippets}/blog/blogcategory/",
        f"{snippets}/blog/blogcategory/add/",
        f"{snippets}/blog/certification/",
        f"{snippets}/blog/certification/add/",
        f"{snippets}/community/boardcategory/",
        f"{snippets}/community/boardcategory/add/",
        f"{snippets}/community/topic/",
        f"{snippets}/community/topic/add/",
        f"{snippets}/community/topic/edit/{shop['topic'].pk}/",
        f"{snippets}/community/productquestion/",
        f"{snippets}/community/profile/",
        f"{snippets}/shop_link/product/",
        f"{snippets}/shop_link/product/edit/{shop['cheese'].pk}/",
        f"{snippets}/shop_link/productsource/",
        f"{snippets}/shop_link/productsource/add/",
        f"{snippets}/shop_link/brandproducer/",
        f"{snippets}/shop_link/brandproducer/add/",
        f"/admin/pages/add/blog/blogpage/{shop['blog'].pk}/",
        f"/admin/pages/{shop['post'].pk}/edit/",
        f"/admin/pages/{shop['producer'].pk}/edit/",
        f"/admin/pages/{shop['producer'].get_parent().pk}/",
        "/admin/settings/home/shopsettings/",
        "/admin/reports/page-types-usage/",
        "/admin/moderation/",
    ]


def menu_labels(response) -> list[str]:
    """The labels of the admin's menu and its submenus, counts left out."""
    found = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    labels = []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("label"), str):
                labels.append(re.sub(r" \(\d+\)$", "", value["label"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(found.group(1)))
    return labels


# What the admin shows


@pytest.mark.parametrize(
    ("url", "german", "english"),
    [
        ("/admin/snippets/blog/author/", "Autor hinzufügen", "Add author"),
        ("/admin/snippets/blog/blogcategory/", "Kategorie hinzufügen", "Add category"),
        (
            "/admin/snippets/community/boardcategory/",
            "Forumskategorie hinzufügen",
            "Add board category",
        ),
        ("/admin/snippets/community/topic/", "Thema hinzufügen", "Add topic"),
        (
            "/admin/snippets/shop_link/productsource/",
            "Produktquelle hinzufügen",
            "Add product source",
        ),
        (
            "/admin/snippets/shop_link/brandproducer/",
            "Zuordnung von Marke zu Erzeuger hinzufügen",
            "Add brand to producer rule",
        ),
    ],
)
def test_a_listing_offers_to_add_one_thing_in_sentence_case(
    admin_client, url, german, english
):
    assert german in text_of(get(admin_client, url, "de"))
    assert english in text_of(get(admin_client, url, "en"))


def entry_headings(response) -> set[str]:
    """The headings of an inline panel's entries ("Author", numbered by script)."""
    return set(
        re.findall(
            r"([^\s>][^<>]*)<span data-inline-panel-child-count>",
            response.content.decode(),
        )
    )


def test_a_post_adds_one_author_and_one_producer_at_a_time(admin_client, shop):
    url = f"/admin/pages/{shop['post'].pk}/edit/"
    german = get(admin_client, url, "de")
    english = get(admin_client, url, "en")
    assert {"Autor", "Erzeuger"} <= entry_headings(german)
    assert {"Author", "Producer"} <= entry_headings(english)
    for shown in ["Autoren", "Autor hinzufügen", "Erzeuger hinzufügen"]:
        assert shown in text_of(german)
    for shown in ["Authors", "Producers", "Add author", "Add producer"]:
        assert shown in text_of(english)
    assert "autoren hinzufügen" not in text_of(german)
    assert "Add authors" not in text_of(english)


def test_a_producer_adds_one_photo_at_a_time(admin_client, shop):
    url = f"/admin/pages/{shop['producer'].pk}/edit/"
    assert "Foto hinzufügen" in text_of(get(admin_client, url, "de"))
    english = text_of(get(admin_client, url, "en"))
    assert "Add photo" in english
    assert "Add Photos" not in english


def wrong_labels(text: str, language: str) -> list[str]:
    """Words of the other language, and what to add in the wrong case."""
    if language == "de":
        wrong = ENGLISH_ONLY.findall(text)
        wrong += [
            f"{word} hinzufügen"
            for word in GERMAN_ADD.findall(text)
            if word[0].islower() and word not in GERMAN_NOT_NOUNS
        ]
    else:
        wrong = GERMAN_ONLY.findall(text)
        wrong += [f"Add {word}" for word in ENGLISH_ADD.findall(text)]
    return sorted(set(wrong))


def test_the_label_check_knows_wrong_case_and_the_other_language():
    assert wrong_labels("autoren hinzufügen · Add Photos", "de") == [
        "Add",
        "autoren hinzufügen",
    ]
    assert wrong_labels("Add Photos · Seite auswählen (Erzeuger)", "en") == [
        "Add Photos",
        "auswählen",
    ]
    assert wrong_labels("Autor hinzufügen · Kommentare hinzufügen oder", "de") == []
    assert wrong_labels("Add author · Choose a page (Producer)", "en") == []


@pytest.mark.parametrize("first", ["de", "en"])
def test_every_admin_page_speaks_its_language_in_sentence_case(
    admin_client, shop, first
):
    """No label in the other language, a German noun keeps its capital before
    "hinzufügen", English adds in lower case; whichever language the admin is
    first seen in, the other follows (choosers are worded when shown)."""
    second = "en" if first == "de" else "de"
    wrong = {}
    for language in (first, second):
        for url in admin_pages(shop):
            if found := wrong_labels(
                text_of(get(admin_client, url, language)), language
            ):
                wrong[(language, url)] = found
    assert wrong == {}


@pytest.mark.parametrize("first", ["de", "en"])
def test_choosers_are_worded_in_the_language_of_the_request(admin_client, shop, first):
    post = f"/admin/pages/{shop['post'].pk}/edit/"
    topic_url = f"/admin/snippets/community/topic/edit/{shop['topic'].pk}/"
    expected = {
        "de": {
            post: ["Seite auswählen (Erzeuger)", "Autor auswählen", "Produkt ausw"],
            topic_url: ["Forumskategorie auswählen"],
        },
        "en": {
            post: ["Choose a page (Producer)", "Choose author", "Choose product"],
            topic_url: ["Choose board category"],
        },
    }
    second = "en" if first == "de" else "de"
    for language in (first, second):
        for url, shown in expected[language].items():
            html = get(admin_client, url, language).content.decode()
            # The product chooser sits in the body's block definitions, as JSON.
            html = html.replace("\\u00e4", "ä")
            assert [text for text in shown if text not in html] == []
            other = expected[second if language == first else first][url]
            assert [text for text in other if text in html] == []


def test_the_menu_is_in_sentence_case_in_each_language(admin_client, shop):
    german = menu_labels(get(admin_client, "/admin/", "de"))
    english = menu_labels(get(admin_client, "/admin/", "en"))
    assert {"Autoren", "Forumsthemen", "Markenzuordnungen"} <= set(german)
    assert {"Authors", "Board topics", "Brand rules"} <= set(english)
    assert [label for label in german + english if not label[0].isupper()] == []
    # English capitalises the first word only.
    assert [
        label for label in english if any(w[0].isupper() for w in label.split()[1:])
    ] == []
    assert (set(german) & set(english)) - SAME_IN_BOTH == set()


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [("de", "Blogbeitrag", "Blog Post"), ("en", "Blog post", "Blog Post")],
)
def test_the_page_types_report_names_types_in_sentence_case(
    admin_client, shop, language, shown, not_shown
):
    text = text_of(get(admin_client, "/admin/reports/page-types-usage/", language))
    assert shown in text
    assert not_shown not in text
    assert "Producer Overview" not in text


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("de", "Produktfrage von Heike Brandt auswählen"),
        ("en", "Select this product question by Heike Brandt"),
    ],
)
def test_the_moderation_queue_names_a_kind_mid_sentence(
    admin_client, shop, language, label
):
    assert label in text_of(get(admin_client, "/admin/moderation/", language))


# The names the admin builds its labels from


def our_models():
    return [
        model for label in OUR_APPS for model in apps.get_app_config(label).get_models()
    ]


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model.__name__)
def test_every_model_names_itself_and_its_plural(model):
    """Without a plural Django adds an "s": "Startseites", "Erzeugers"."""
    assert {"verbose_name", "verbose_name_plural"} <= set(model._meta.original_attrs)


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model.__name__)
def test_model_names_are_lower_case_in_english_and_nouns_in_german(model):
    names = (model._meta.verbose_name, model._meta.verbose_name_plural)
    with translation.override("en"):
        english = [str(name) for name in names]
    with translation.override("de"):
        german = [str(name) for name in names]
    assert [name for name in english if not name[0].islower()] == []
    assert [name for name in german if not name[0].isupper()] == []
    assert german != english
