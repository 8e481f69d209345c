"""The shop's settings, shown on every page, come from the shared cache and are
read again as soon as staff save them or the site."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import ShopSettings
from tests.factories import build_site, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    build_site()
    return Site.objects.get(is_default_site=True)


def settings_queries(client, url="/impressum/"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "home_shopsettings" in q["sql"]]


def test_a_page_view_reads_the_settings_from_the_shared_cache(client, site):
    settings_queries(client)

    assert settings_queries(client) == []
    assert settings_queries(client, "/") == []


def test_saved_settings_show_on_the_next_page_view(client, site):
    client.get("/impressum/")
    shop = ShopSettings.for_site(site)
    shop.shop_name = "Käserei Wendt"
    shop.save()

    assert "Käserei Wendt" in text_of(client.get("/impressum/"))


def test_deleted_settings_are_not_served_from_the_cache(client, site):
    shop = ShopSettings.for_site(site)
    shop.shop_name = "Käserei Wendt"
    shop.save()
    client.get("/impressum/")
    shop.delete()

    assert ShopSettings.for_site(site).shop_name == "Theke"


def test_saving_the_site_drops_its_cached_settings(client, site):
    client.get("/impressum/")
    site.site_name = "Hofladen"
    site.save()

    assert len(settings_queries(client)) == 1
