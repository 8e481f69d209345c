"""The site header names the logged-in person as the site names them elsewhere:
staff as the team, with their author's name and photo; members by their name."""

import re

import pytest
from wagtail.models import Site

from home.models import ShopSettings
from tests.factories import AuthorFactory, build_site, member, staff

pytestmark = pytest.mark.django_db

SHOP = "Hofladen Lindenhof"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def home():
    home, __, __ = build_site()
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.shop_name = SHOP
    shop.save()
    return home


def account_link(client):
    """The header's link to the logged-in person's profile."""
    html = client.get("/").content.decode()
    return re.search(
        r'<a class="account-nav__link account-nav__link--member"[^>]*>(.*?)</a>',
        html,
        re.S,
    )[1]


def shown_name(link):
    return re.search(r'<span class="account-nav__name">([^<]*)</span>', link)[1]


def test_staff_with_an_author_see_its_name_and_photo(client, home):
    greta = staff(None, "greta@hof.example")
    author = AuthorFactory(user=greta, name="Greta Lindner")
    client.force_login(greta)

    link = account_link(client)

    assert shown_name(link) == "Greta Lindner"
    photo = re.search(r'<img[^>]*class="avatar"[^>]*>', link)[0]
    rendition = author.photo.get_rendition("fill-48x48")
    assert f'src="{rendition.url}"' in photo
    assert 'width="24"' in photo and 'height="24"' in photo
    assert "Your profile" not in link
    assert ">?</span>" not in link


def test_staff_without_an_author_read_as_the_team(client, home):
    heike = staff(None, "heike@hof.example", first_name="Heike")
    client.force_login(heike)

    link = account_link(client)

    assert shown_name(link) == f"Heike from the {SHOP} team"
    assert ">HF</span>" in link


def test_staff_without_any_name_read_as_the_shop(client, home):
    client.force_login(staff(None, "kasse@hof.example"))

    link = account_link(client)

    assert shown_name(link) == SHOP
    assert ">HL</span>" in link


def test_a_member_sees_the_name_they_chose(client, home):
    client.force_login(member("Jana Petersen"))

    link = account_link(client)

    assert shown_name(link) == "Jana Petersen"
    assert ">JP</span>" in link


def test_a_member_without_a_name_is_offered_their_profile(client, home):
    client.force_login(member(None, "ohne@example.org"))

    assert shown_name(account_link(client)) == "Your profile"
