"""A request the site cannot take gets the site's own 400 page in the reader's
language; a comment too big to send says so instead of Django's bare page."""

import pytest
from django.conf import settings
from django.urls import reverse

from community.discussions.forms import CommentForm
from community.models import Comment
from tests.factories import BlogPageFactory, build_site

pytestmark = pytest.mark.django_db

TOO_BIG = {
    "en": ("What you sent is too large", "nothing was saved", "Go to the front page"),
    "de": ("Was Sie gesendet haben, ist zu groß", "nichts gespeichert", "Startseite"),
}


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte")


def test_the_comment_field_stops_at_the_length_the_server_takes(client, post):
    html = client.get(f"{post.url}?write=1").content.decode()

    assert 'maxlength="5000"' in html
    assert "data-too-long-label=" in html


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_comment_past_the_request_limit_gets_the_sites_page(
    client, post, language, django_user_model
):
    client.force_login(
        django_user_model.objects.create_user(
            username="member-anna", email="anna@example.org", password="x"
        )
    )
    data = CommentForm(post).initial.copy()
    data.update(
        comment="Käse " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 5 + 1),
        reply_to=0,
        honeypot="",
    )

    response = client.post(
        reverse("comments-post-comment"), data, HTTP_ACCEPT_LANGUAGE=language
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Bad Request" not in html
    for words in TOO_BIG[language]:
        assert words in html
    assert f'lang="{language}"' in html
    assert not Comment.objects.exists()


def test_a_forged_host_gets_the_plain_400_page(client, settings):
    build_site()
    settings.ALLOWED_HOSTS = ["testserver"]

    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Diese Anfrage ließ sich nicht lesen" in response.content.decode()
