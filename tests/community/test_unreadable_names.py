"""A public name that arrived as invalid UTF-8 is refused with a message, not
stored as "��": sign-up, profile and a guest's comment alike."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from community.discussions.forms import CommentForm
from community.models import Comment, Profile
from tests.factories import BlogPageFactory, build_site

pytestmark = pytest.mark.django_db

PASSWORD = "Kuchen-mit-Sahne-42"  # noqa: S105
UNREADABLE = "Part of the name could not be read (it was not valid UTF-8)"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def blog():
    return build_site()[1]


def raw_post(client, url, body: bytes):
    """A form post whose bytes are sent as they are, broken UTF-8 included."""
    return client.post(url, body, content_type=FORM)


def test_sign_up_with_a_name_in_broken_utf8_is_refused(client, blog):
    body = (
        b"email=anna%40example.org&display_name=Anna+%FF%FEvom+Hof"
        b"&password1=" + PASSWORD.encode() + b"&password2=" + PASSWORD.encode()
    )

    response = raw_post(client, reverse("account_signup"), body)

    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()
    assert not get_user_model().objects.filter(email="anna@example.org").exists()


def test_a_profile_name_in_broken_utf8_is_refused_and_the_old_one_kept(client, blog):
    user = get_user_model().objects.create_user(
        username="member-berta", email="berta@example.org", password=PASSWORD
    )
    Profile.objects.filter(user=user).update(display_name="Berta Brot")
    client.force_login(user)

    response = raw_post(
        client, reverse("account_profile"), b"display_name=Berta+%C3%28Brot"
    )

    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()
    assert Profile.objects.get(user=user).display_name == "Berta Brot"


def test_a_guests_name_in_broken_utf8_is_refused(client, blog, settings):
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    post = BlogPageFactory(parent=blog)
    fields = {
        **CommentForm(post).initial,
        "comment": "Sehr gut",
        "reply_to": 0,
        "email": "gast@example.org",
        "honeypot": "",
    }
    body = urlencode({key: value for key, value in fields.items() if key != "name"})

    response = raw_post(
        client, reverse("comments-post-comment"), body.encode() + b"&name=Gast%80%81"
    )

    assert response.status_code == 400
    assert "could not be read (it was not valid UTF-8)" in response.content.decode()
    assert not Comment.objects.exists()
