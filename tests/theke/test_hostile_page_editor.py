"""A POST to the page editor that its script did not write (empty, or with the
block data of a StreamField cut or mangled) gets the site's 400 page and saves
nothing, where Wagtail would raise inside the StreamField and answer 500
(`home/block_data.py`)."""

import pytest
from wagtail.models import Page, Revision

from blog.models import BlogIndexPage
from tests.factories import BlogPageFactory, build_shop, editor

pytestmark = pytest.mark.django_db

# The site's 400 page, in the language of the editor's admin.
UNREADABLE = ("This request could not be read", "Diese Anfrage ließ sich nicht lesen")


def says_unreadable(response) -> bool:
    html = response.content.decode()
    return response.status_code == 400 and any(words in html for words in UNREADABLE)


# Block data as a script or a truncated upload might send it.
MANGLED = [
    {},
    {"title": "Neu", "slug": "neu"},
    {"body-count": "x", "story-count": "x"},
    {"body-count": "1", "story-count": "1"},
    {"body-count": str(2**64), "story-count": str(2**64)},
    {"body-count": "1", "body-0-deleted": "", "body-0-type": "paragraph"},
    {"body-count": "1", "body-0-deleted": "", "body-0-order": "x"},
    {"story-count": "1", "story-0-deleted": "", "story-0-order": "\x00"},
]


@pytest.fixture
def editor_client(client):
    build_shop()
    BlogPageFactory(parent=BlogIndexPage.objects.get(), title="Käse reift")
    client.force_login(editor())
    return client


def stream_fields(page_class):
    form_class = page_class.get_edit_handler().get_form_class()
    return [
        name
        for name, field in form_class.base_fields.items()
        if type(field.widget).__name__ == "BlockWidget"
    ]


def test_the_pages_with_block_data_are_walked(editor_client):
    types = {type(page) for page in Page.objects.filter(depth__gt=1).specific()}

    assert {cls.__name__ for cls in types if stream_fields(cls)} == {
        "BlogPage",
        "ProducerPage",
    }


def test_an_edit_the_editor_did_not_write_is_refused_and_saves_nothing(
    editor_client,
):
    wrong = []
    for page in Page.objects.filter(depth__gt=1).specific():
        if not stream_fields(type(page)):
            continue
        revisions = Revision.objects.count()
        for data in MANGLED:
            response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
            if not says_unreadable(response):
                wrong.append(f"{type(page).__name__} {data}: {response.status_code}")
        if Revision.objects.count() != revisions:
            wrong.append(f"{type(page).__name__}: a revision was saved")
    assert wrong == []


def test_a_new_page_the_editor_did_not_write_is_refused(editor_client):
    blog = Page.objects.get(slug="blog")
    before = Page.objects.count()

    response = editor_client.post(f"/admin/pages/add/blog/blogpage/{blog.pk}/", {})

    assert says_unreadable(response)
    assert Page.objects.count() == before


def test_block_data_the_editor_wrote_still_saves(editor_client):
    """A whole form with an empty body gets the editor's own messages."""
    post = Page.objects.get(title="Käse reift").specific
    data = {
        "title": "Käse reift lange",
        "slug": post.slug,
        "body-count": "0",
        "story-count": "0",
    }

    response = editor_client.post(f"/admin/pages/{post.pk}/edit/", data)

    assert response.status_code in {200, 302}
    assert not says_unreadable(response)
