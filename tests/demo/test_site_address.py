"""The demo's links follow the address `make run` serves it at, its port included."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from community import mail
from demo import load
from demo.shop import ensure_home_page, ensure_site, follow_address
from tests.factories import BlogIndexPageFactory, publish

PROJECT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


@pytest.fixture
def quick_demo(monkeypatch):
    """load_demo with the site and home page only: the steps are not the point."""
    monkeypatch.setattr(load, "STEPS", ())


def demo_site():
    """The demo's site at localhost:8000, as load_demo first makes it, with a blog."""
    home = ensure_home_page()
    site, _ = ensure_site(home)
    publish(BlogIndexPageFactory(parent=home, title="Blog", slug="blog"))
    publish(home)
    return site


def make_dry_run(*arguments) -> str:
    """The commands `make` would run, without running them."""
    return subprocess.run(  # noqa: S603
        ["make", "-n", *arguments],  # noqa: S607
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_pages_feeds_and_mails_name_the_port_the_demo_is_served_at(client):
    site = demo_site()

    assert follow_address(site, "127.0.0.1", 8101)

    html = client.get("/", headers={"host": "127.0.0.1:8101"}).content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8101/">' in html
    assert 'href="http://127.0.0.1:8101/blog/feed/"' in html
    assert 'href="http://127.0.0.1:8101/blog/atom/"' in html
    assert "localhost:8000" not in html
    assert mail.absolute("/account/profile/") == (
        "http://127.0.0.1:8101/account/profile/"
    )
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8101"


def test_a_site_at_a_public_address_stays_where_it_is():
    site = demo_site()
    site.hostname, site.port = "hofladen.example.org", 443
    site.save()

    assert not follow_address(site, "127.0.0.1", 8101)

    site.refresh_from_db()
    assert (site.hostname, site.port) == ("hofladen.example.org", 443)


def test_load_demo_moves_the_site_to_the_address_it_is_given(quick_demo):
    out = io.StringIO()
    call_command("load_demo", address="127.0.0.1:8101", stdout=out)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8101)
    assert "site address" in out.getvalue()

    again = io.StringIO()
    call_command("load_demo", address="127.0.0.1:8101", stdout=again)
    assert "nothing changed" in again.getvalue()


def test_load_demo_refuses_an_address_without_a_port(quick_demo):
    with pytest.raises(CommandError, match="HOST:PORT"):
        call_command("load_demo", address="localhost", stdout=io.StringIO())


def test_prepare_demo_does_what_make_run_needs_in_one_process(quick_demo):
    call_command(
        "prepare_demo",
        address="127.0.0.1:8101",
        password="theke-demo-geheim",
        stdout=io.StringIO(),
    )

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8101)
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.filter(username="moderation").exists()


def test_make_run_hands_its_port_to_the_demo_and_to_the_admins_mails():
    commands = make_dry_run("run", "PORT=8101")

    assert re.search(r"prepare_demo --address 127\.0\.0\.1:8101\b", commands)
    assert "WAGTAILADMIN_BASE_URL:-http://127.0.0.1:8101}" in commands
    assert "runserver 127.0.0.1:8101" in commands


def test_a_server_on_every_interface_gives_the_demo_localhost():
    commands = make_dry_run("run", "HOST=0.0.0.0", "PORT=8101")

    assert "prepare_demo --address localhost:8101" in commands
