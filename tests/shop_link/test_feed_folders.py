"""Local feeds are read only from the folders the settings allow, so whoever may
edit sources cannot make a sync read another file of the server."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from shop_link.models import Product, ProductSource, SyncRun
from shop_link.sync.runs import sync_source

pytestmark = pytest.mark.django_db

FEED = Path(__file__).parent / "fixtures" / "sync" / "hofladen.xml"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def outside(tmp_path):
    """A readable feed in a folder the settings do not allow, and a secret beside it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    feed = folder / "shop.xml"
    feed.write_bytes(FEED.read_bytes())
    (folder / "secret.txt").write_text("DATABASE_PASSWORD=hunter2")
    return folder


@pytest.fixture
def allowed(settings, tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    settings.SHOP_LINK_FEED_FOLDERS = [folder]
    return folder


def source_at(location):
    return ProductSource(
        name="Hofladen", format="merchant-xml", location=location, shop_name="Hofladen"
    )


def test_a_feed_in_an_allowed_folder_syncs(allowed):
    feed = allowed / "shop.xml"
    feed.write_bytes(FEED.read_bytes())
    source = source_at(str(feed))
    source.full_clean()
    source.save()

    run = sync_source(source, fetch_images=False)

    assert run.status == SyncRun.Status.SUCCEEDED
    assert Product.objects.filter(source=source).exists()


def test_a_file_outside_the_folders_is_refused_without_being_read(allowed, outside):
    source = source_at(str(outside / "secret.txt"))
    source.save()

    run = sync_source(source, fetch_images=False)

    assert run.status == SyncRun.Status.FAILED
    assert "read only from these folders" in run.message
    assert str(allowed.resolve()) in run.message
    assert "hunter2" not in run.message
    assert not Product.objects.exists()


def test_a_path_that_climbs_out_of_an_allowed_folder_is_refused(allowed, outside):
    climbing = allowed / ".." / "elsewhere" / "shop.xml"
    run = sync_source(
        ProductSource.objects.create(
            name="Hofladen",
            format="merchant-xml",
            location=str(climbing),
            shop_name="H",
        ),
        fetch_images=False,
    )

    assert run.status == SyncRun.Status.FAILED
    assert "read only from these folders" in run.message


def test_a_link_inside_an_allowed_folder_to_a_file_outside_is_refused(allowed, outside):
    link = allowed / "shop.xml"
    link.symlink_to(outside / "shop.xml")
    source = source_at(str(link))

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert "read only from these folders" in " ".join(refused.value.messages)


def test_staff_are_told_when_they_enter_a_path_outside_the_folders(allowed):
    source = source_at("/etc/passwd")

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert list(refused.value.message_dict) == ["location"]
    assert "SHOP_LINK_FEED_FOLDERS" in refused.value.message_dict["location"][0]


def test_addresses_and_relative_paths_in_the_folders_pass(settings):
    settings.SHOP_LINK_FEED_FOLDERS = ["feeds"]
    source_at("https://hofladen.example/feed.xml").full_clean()
    source_at("feeds/hofladen.xml").full_clean()
    with pytest.raises(ValidationError):
        source_at("ftp://hofladen.example/feed.xml").full_clean()


def test_the_demo_feeds_are_always_readable(settings):
    settings.SHOP_LINK_FEED_FOLDERS = []
    source_at("demo/feeds/feed.xml").full_clean()


def test_the_command_refuses_a_feed_outside_the_folders(allowed, outside):
    with pytest.raises(CommandError) as refused:
        call_command(
            "sync_products", "--source", "Hofladen", "--feed", str(outside / "shop.xml")
        )

    assert "read only from these folders" in str(refused.value)
    assert not ProductSource.objects.exists()
