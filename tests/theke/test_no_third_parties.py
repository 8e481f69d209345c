"""Nothing the site or its admin serves makes a browser ask a third party."""

import re

import pytest

from tests.factories import build_site, staff

pytestmark = pytest.mark.django_db

# What a browser loads by itself: pictures, scripts, frames and linked files at
# an absolute or protocol-relative address (links to click are not loaded).
EXTERNAL = re.compile(
    r"""(?:\ssrc|\ssrcset|<link[^>]*\shref)=["'](?:https?:)?//(?!testserver)"""
)


@pytest.fixture
def staff_client(client):
    build_site()
    user = staff(email="greta@lindenhof.example", username="greta", superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/admin/", "/admin/moderation/", "/admin/account/"])
def test_the_admin_shows_staff_pictures_without_gravatar(staff_client, url):
    page = staff_client.get(url, follow=True).content.decode()

    assert "gravatar" not in page.lower()
    assert not EXTERNAL.search(page), EXTERNAL.search(page)


@pytest.mark.parametrize("url", ["/", "/blog/", "/account/login/", "/account/signup/"])
def test_public_pages_load_nothing_from_elsewhere(client, url):
    build_site()
    page = client.get(url, follow=True).content.decode()

    assert not EXTERNAL.search(page), EXTERNAL.search(page)
