"""`manage.py sync_products`: which sources it syncs, what it says, how it fails."""

import io
import re
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from shop_link.models import Product, ProductSource, SyncRun
from tests.factories import SYNC_FEEDS, feed_source, merchant_item, merchant_xml

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(
    r"^hofladen: created 4, updated 0, unchanged 0, no longer sold 0, rejected 0 "
    r"in \d+\.\d s$",
    re.M,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class Terminal(io.StringIO):
    def isatty(self):
        return True


def sync_products(*args, stderr=None):
    """Run the command; its output, or the CommandError it raised."""
    out = io.StringIO()
    call_command(
        "sync_products",
        *args,
        "--no-images",
        stdout=out,
        stderr=stderr or io.StringIO(),
    )
    return out.getvalue()


def test_each_source_ends_with_a_summary_line():
    feed_source()

    output = sync_products("hofladen")

    assert SUMMARY.search(output)


def test_a_second_run_says_that_nothing_changed():
    feed_source()
    sync_products()

    output = sync_products()

    assert re.search(
        r"^hofladen: created 0, updated 0, unchanged 4, no longer sold 0, rejected 0 "
        r"in \d+\.\d s – nothing changed$",
        output,
        re.M,
    )


def test_by_default_every_active_source_is_synced():
    feed_source(name="hofladen")
    feed_source(name="Partnerhof")
    feed_source(name="Ruhend", is_active=False)

    output = sync_products()

    assert "hofladen: created 4" in output
    assert "Partnerhof: created 4" in output
    assert "Ruhend" not in output
    assert not SyncRun.objects.filter(source__name="Ruhend").exists()


def test_named_sources_are_synced_even_when_inactive():
    feed_source(name="Ruhend", is_active=False)
    feed_source(name="hofladen")

    output = sync_products("Ruhend")

    assert "Ruhend: created 4" in output
    assert "hofladen" not in output


def test_an_unknown_source_name_lists_the_known_ones():
    feed_source(name="hofladen")
    feed_source(name="Partnerhof")

    with pytest.raises(CommandError) as refused:
        sync_products("Hofladn")

    assert str(refused.value) == (
        "Unknown source: Hofladn. Known sources: Partnerhof, hofladen."
    )
    assert not SyncRun.objects.exists()


def test_without_sources_the_command_says_so():
    assert "No active product sources" in sync_products()


def test_a_broken_feed_exits_with_its_reason_and_changes_nothing():
    source = feed_source()
    sync_products()
    source.location = str(SYNC_FEEDS / "truncated.xml")
    source.save()
    before = list(Product.objects.values().order_by("pk"))

    with pytest.raises(CommandError) as refused:
        sync_products("hofladen")

    run = SyncRun.objects.filter(source=source).first()
    assert run.status == SyncRun.Status.FAILED
    assert str(refused.value) == f"hofladen: {run.message}"
    assert list(Product.objects.values().order_by("pk")) == before


def test_with_several_sources_all_are_synced_before_the_failure_is_raised():
    feed_source("not_a_feed.html", name="Kaputt")
    feed_source(name="hofladen")
    out = io.StringIO()

    with pytest.raises(CommandError, match="Syncing failed for Kaputt."):
        call_command("sync_products", "--no-images", stdout=out)

    assert "Kaputt: refused:" in out.getvalue()
    assert SUMMARY.search(out.getvalue())
    assert ProductSource.objects.get(name="hofladen").products.count() == 4


def test_problems_are_listed_after_the_summary_and_capped(tmp_path):
    items = [merchant_item("OK-1")] + [
        merchant_item(f"BAD-{n}", price="-1 EUR") for n in range(57)
    ]
    feed = tmp_path / "feed.xml"
    feed.write_bytes(merchant_xml(*items))
    source = feed_source()
    source.location = str(feed)
    source.save()

    output = sync_products()

    lines = output.splitlines()
    assert lines[0].startswith("hofladen: created 1, updated 0, unchanged 0, ")
    assert "rejected 57" in lines[0]
    problems = [line for line in lines if line.startswith("  ")]
    assert len(problems) == 21
    assert "BAD-0" in problems[0]
    assert problems[-1] == "  … and 37 more"


def test_the_feed_option_creates_the_source(tmp_path):
    feed = tmp_path / "hofladen.xml"
    shutil.copy(SYNC_FEEDS / "hofladen.xml", feed)

    output = sync_products(
        "--feed", str(feed), "--format", "merchant-xml", "--source", "Hofladen"
    )

    source = ProductSource.objects.get(name="Hofladen")
    assert source.location == str(feed)
    assert source.format == "merchant-xml"
    assert source.shop_name == "Hofladen"
    assert source.is_active
    assert output.splitlines()[0] == "Created the source Hofladen."
    assert "Hofladen: created 4" in output


def test_the_feed_option_guesses_the_format_of_a_local_file_and_takes_a_shop_name():
    sync_products(
        "--feed",
        str(SYNC_FEEDS / "hofladen.xml"),
        "--source",
        "Partner",
        "--shop-name",
        "Käserei am See",
    )

    source = ProductSource.objects.get(name="Partner")
    assert source.format == "merchant-xml"
    assert source.shop_name == "Käserei am See"
    assert source.products.count() == 4


def test_the_feed_option_points_an_existing_source_at_the_new_feed():
    source = feed_source()
    sync_products()

    output = sync_products(
        "--feed", str(SYNC_FEEDS / "hofladen_next_week.xml"), "--source", "hofladen"
    )

    source.refresh_from_db()
    assert source.location == str(SYNC_FEEDS / "hofladen_next_week.xml")
    assert "created 1, updated 1, unchanged 2, no longer sold 1" in output
    assert "Created" not in output


def test_the_feed_option_needs_a_source_name():
    with pytest.raises(CommandError, match="--feed needs --source"):
        sync_products("--feed", str(SYNC_FEEDS / "hofladen.xml"))


def test_a_feed_file_that_does_not_exist_is_refused_before_anything_is_created():
    with pytest.raises(CommandError, match="There is no feed file"):
        sync_products("--feed", "no-such-feed.xml", "--source", "Hofladen")

    assert not ProductSource.objects.exists()


def test_an_unrecognisable_feed_needs_its_format_named():
    with pytest.raises(CommandError, match="Say which format the feed has"):
        sync_products(
            "--feed", str(SYNC_FEEDS / "not_a_feed.html"), "--source", "Hofladen"
        )

    assert not ProductSource.objects.exists()


def test_a_feed_of_the_wrong_format_exits_with_a_clear_message():
    with pytest.raises(CommandError) as refused:
        sync_products(
            "--feed",
            str(SYNC_FEEDS / "hofladen.xml"),
            "--format",
            "shopify-json",
            "--source",
            "Hofladen",
        )

    assert str(refused.value).startswith("Hofladen: ")
    assert len(str(refused.value)) > len("Hofladen: ") + 10
    assert not Product.objects.exists()


def test_a_progress_bar_is_drawn_on_a_terminal_only():
    feed_source()
    terminal = Terminal()

    sync_products(stderr=terminal)
    quiet = io.StringIO()
    sync_products(stderr=quiet)

    assert "4 products" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r")
    assert quiet.getvalue() == ""


def test_a_refused_feed_option_creates_no_source():
    with pytest.raises(CommandError):
        sync_products(
            "--feed",
            str(SYNC_FEEDS / "truncated.xml"),
            "--format",
            "merchant-xml",
            "--source",
            "neu",
        )

    assert not ProductSource.objects.filter(name="neu").exists()


def test_a_refused_feed_option_leaves_an_existing_source_as_it_was():
    source = feed_source()
    sync_products()
    before = ProductSource.objects.values().get(pk=source.pk)

    with pytest.raises(CommandError):
        sync_products(
            "--feed",
            str(SYNC_FEEDS / "truncated.xml"),
            "--format",
            "merchant-xml",
            "--source",
            "hofladen",
            "--shop-name",
            "Anderer Laden",
        )

    assert ProductSource.objects.values().get(pk=source.pk) == before
