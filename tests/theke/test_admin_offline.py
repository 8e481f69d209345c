"""The Wagtail admin asks no third party for anything: no update check, no banner."""

import re

import pytest
from django.contrib.auth.models import User

from tests.factories import build_site

pytestmark = pytest.mark.django_db

# An absolute or protocol-relative address, and the attribute or text it is in.
ADDRESS = re.compile(
    r"""(?:([\w:-]+)=["']|["'(\s])((?:https?:)?//([a-z0-9.-]+)[^"'\s)<]*)""", re.I
)
LOCAL_HOSTS = {"testserver", "localhost", "127.0.0.1"}
NOSCRIPT_HINT = "https://www.enable-javascript.com/"


@pytest.fixture
def dashboard(client):
    build_site()
    client.force_login(
        User.objects.create_superuser(
            "greta", "greta@lindenhof.example", "lang-und-geheim-42"
        )
    )
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def third_party_addresses(html: str) -> list[tuple[str, str]]:
    """(attribute, address) of every address on another host than this site."""
    return [
        (attribute or "", address)
        for attribute, address, host in ADDRESS.findall(html)
        if host.lower() not in LOCAL_HOSTS
    ]


def test_the_dashboard_does_not_check_for_wagtail_updates(dashboard):
    assert 'data-controller="w-upgrade' not in dashboard
    assert "w-upgrade" not in dashboard


def test_the_dashboard_shows_no_whats_new_banner(dashboard):
    assert "w-whats-new" not in dashboard


def test_the_dashboard_references_no_third_party_host(dashboard):
    found = third_party_addresses(dashboard)

    # Only Wagtail's hint for browsers without JavaScript is left, a link inside
    # <noscript> in the admin's skeleton, which no browser follows by itself.
    assert found == [("href", NOSCRIPT_HINT)]


def test_the_help_menu_keeps_its_own_entries(dashboard):
    assert "Keyboard shortcuts" in dashboard or "Tastaturkürzel" in dashboard
