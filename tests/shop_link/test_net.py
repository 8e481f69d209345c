"""Feeds and pictures are fetched from the public internet only, unless allowed."""

import io
import threading
import time
from dataclasses import replace
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone, translation

from shop_link.images import attach_images
from shop_link.models import Product, ProductSource, SyncRun
from shop_link.net import DownloadError, Limits, download, is_public
from shop_link.sync.runs import sync_source

pytestmark = pytest.mark.django_db

FEED = Path(__file__).parent / "fixtures" / "sync" / "hofladen.xml"


class InnerService(BaseHTTPRequestHandler):
    """Stands for a service inside the shop's network; counts who asks."""

    hits = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.hits.append(self.path)
        body = FEED.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@pytest.fixture
def inner_service():
    InnerService.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), InnerService)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _public_only(settings):
    settings.SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = False
    with translation.override("en"):
        yield


def source(location=""):
    return ProductSource.objects.create(
        name="Hofladen", format="merchant-xml", location=location, shop_name="Hofladen"
    )


def product_with_picture(link):
    now = timezone.now()
    return Product.objects.create(
        source=source(),
        external_id="A1",
        title="Bergkäse",
        slug="bergkaese",
        link="https://hofladen.example/p/A1",
        image_link=link,
        price=Decimal("3.20"),
        currency="EUR",
        content_hash="A1",
        last_seen_at=now,
        synced_at=now,
    )


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2a00:1450:4001:80b::200e", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.178.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 - an address to judge, not one to bind
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
        ("::7f00:1", False),  # IPv4-compatible 127.0.0.1
        ("2002:7f00:1::1", False),  # 6to4 around 127.0.0.1
        ("2002:5db8:d822::1", True),  # 6to4 around a public address
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 around 169.254.169.254
        ("64:ff9b::5db8:d822", True),  # NAT64 around a public address
        ("64:ff9b:1::a00:1", False),  # local NAT64
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
    ],
)
def test_only_public_internet_addresses_count_as_public(address, public):
    assert is_public(address) is public


def test_a_feed_on_a_private_address_is_refused_before_anything_is_sent(
    inner_service,
):
    run = sync_source(source(f"{inner_service}/feed.xml"), fetch_images=False)

    assert run.status == SyncRun.Status.FAILED
    assert "is an address in a private or local network (127.0.0.1)" in run.message
    assert "only from the public internet" in run.message
    assert InnerService.hits == []
    assert not Product.objects.exists()


def test_a_picture_on_a_private_address_is_refused_before_anything_is_sent(
    inner_service,
):
    product = product_with_picture(f"{inner_service}/bild.jpg")

    problems = attach_images([product])

    (problem,) = problems
    assert "private or local network (127.0.0.1)" in problem["reason"]
    assert InnerService.hits == []
    product.refresh_from_db()
    assert product.image is None


def test_a_site_may_allow_its_own_network(inner_service, settings):
    settings.SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = True

    run = sync_source(source(f"{inner_service}/feed.xml"), fetch_images=False)

    assert run.status == SyncRun.Status.SUCCEEDED
    assert InnerService.hits == ["/feed.xml"]


def test_a_proxy_from_the_environment_is_not_used(inner_service, monkeypatch):
    # Through a proxy the check would judge the proxy (here 127.0.0.2), never
    # the target; the report names the target.
    monkeypatch.setenv("http_proxy", "http://127.0.0.2:9")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)

    run = sync_source(source(f"{inner_service}/feed.xml"), fetch_images=False)

    assert "private or local network (127.0.0.1)" in run.message
    assert InnerService.hits == []


# One download for feeds and pictures, within limits

QUICK = Limits(timeout=0.3, deadline=0.3, max_bytes=1024 * 1024)


def test_a_server_that_trickles_is_cut_off_at_the_deadline(raw_server):
    url = raw_server("trickling")
    started = time.monotonic()

    with pytest.raises(DownloadError) as caught:
        download(url, io.BytesIO(), Limits(timeout=2, deadline=0.3, max_bytes=10**6))

    assert time.monotonic() - started < 2
    message = str(caught.value)
    assert message.startswith("the download took longer than 0.3 seconds (")
    assert message.endswith("came in): the server sends too slowly; try again later")


def test_a_download_cut_short_says_it_is_incomplete(raw_server):
    url = raw_server("hanging up early")

    with pytest.raises(DownloadError) as caught:
        download(url, io.BytesIO(), QUICK)

    assert str(caught.value) == (
        "the server broke off after 100\xa0bytes of 1000\xa0bytes; the file is "
        "incomplete, try again later"
    )


def test_a_server_that_sends_nothing_is_given_up_on(raw_server):
    url = raw_server("silent")
    started = time.monotonic()

    with pytest.raises(DownloadError) as caught:
        download(url, io.BytesIO(), QUICK)

    assert time.monotonic() - started < 2
    assert str(caught.value) == (
        "the server did not answer within 0.3 seconds; try again later"
    )


def test_a_download_over_the_size_limit_is_refused(inner_service, settings):
    settings.SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = True
    tiny = replace(QUICK, max_bytes=10)

    with pytest.raises(DownloadError) as caught:
        download(f"{inner_service}/feed.xml", io.BytesIO(), tiny)

    assert str(caught.value) == (
        "the file is larger than 10\xa0bytes, the limit for this download; a "
        "smaller file, or a higher limit in the settings, is needed"
    )


def test_a_download_within_the_limits_is_written_whole(inner_service, settings):
    settings.SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = True
    into = io.BytesIO()

    downloaded = download(f"{inner_service}/feed.xml", into, QUICK)

    assert into.getvalue() == FEED.read_bytes()
    assert downloaded.url == f"{inner_service}/feed.xml"
    assert downloaded.content_type == "application/xml"
