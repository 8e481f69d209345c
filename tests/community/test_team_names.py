"""Customers cannot take the name of someone in the shop's team, nor guests an
address as their name."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from community.members.accounts import validate_not_a_team_name
from community.models import Comment
from tests.factories import (
    POST_URL,
    AuthorFactory,
    BlogPageFactory,
    build_site,
    form_data,
    member,
    signup,
    staff,
)

pytestmark = pytest.mark.django_db

TAKEN = "This is the name of someone in the shop&#x27;s team"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def greta():
    """The owner: a staff account writing as the blog author Greta Lindner."""
    user = staff("Greta vom Hof", "greta@hof.example", username="greta")
    AuthorFactory(name="Greta Lindner", user=user)
    return user


@pytest.mark.parametrize(
    "name",
    [
        "Greta Lindner",
        "greta lindner",
        "Gréta  Lindner",
        "GRETA-LINDNER",
        "Greta vom Hof",
    ],
)
def test_a_team_name_is_refused_however_it_is_written(greta, name):
    with pytest.raises(ValidationError, match="shop's team"):
        validate_not_a_team_name(name)


def test_other_names_and_the_team_member_themselves_pass(greta):
    validate_not_a_team_name("Greta aus Prenzlau")
    validate_not_a_team_name("Lindner")
    validate_not_a_team_name("Greta Lindner", user=greta)


def test_sign_up_with_a_team_name_is_refused_and_kept(client, site, greta):
    response = signup(client, display_name="Greta Lindner")

    html = response.content.decode()
    assert response.status_code == 200
    assert TAKEN in html
    assert 'value="Greta Lindner"' in html
    assert not get_user_model().objects.filter(email="anna@example.org").exists()


def test_a_member_cannot_rename_themselves_as_the_team(client, site, greta):
    berta = member("Berta Brot", "berta@example.org", verified=True)
    client.force_login(berta)

    response = client.post(
        reverse("account_profile"), {"display_name": "Greta vom Hof"}
    )

    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    berta.profile.refresh_from_db()
    assert berta.profile.display_name == "Berta Brot"


def test_staff_keep_their_own_name(client, site, greta):
    client.force_login(greta)

    response = client.post(
        reverse("account_profile"), {"display_name": "Greta Lindner"}
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("gast@example.org", "so an e-mail address is never shown"),
        ("Greta Lindner", TAKEN),
        ("G", "at least 2 characters"),
    ],
)
def test_a_guests_name_follows_the_members_rules(client, greta, name, message):
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog)

    response = client.post(
        POST_URL, form_data(post, name=name, email="gast@example.org")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert not Comment.objects.exists()


def test_a_first_name_alone_of_the_team_stays_free(greta):
    staff(email="anna@hof.example", username="anna", first_name="Anna")
    validate_not_a_team_name("Anna")


@pytest.mark.parametrize("name", ["Team", "team", "Hofladen Lindenhof"])
def test_the_shops_own_name_and_team_are_taken(greta, site, name):
    from wagtail.models import Site

    from home.models import ShopSettings

    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = "Hofladen Lindenhof"
    settings.save()

    with pytest.raises(ValidationError):
        validate_not_a_team_name(name)


def test_a_member_keeps_a_name_the_team_took_later(client, site, greta):
    namesake = member("Greta Lindner", "berta@example.org", verified=True)
    client.force_login(namesake)

    response = client.post(
        reverse("account_profile"), {"display_name": "Greta Lindner"}
    )

    assert response.status_code == 302
