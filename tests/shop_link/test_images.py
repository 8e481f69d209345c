"""Product pictures: fetched once per address from a local test server, checked by
Pillow, refused with a clear reason when slow, large, broken or not pictures."""

import contextlib
import io
import struct
import threading
import time
import zlib
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from PIL import Image
from wagtail.images import get_image_model

from shop_link.images import attach_images
from shop_link.models import FeedImage, Product, ProductSource

pytestmark = pytest.mark.django_db

MAX_BYTES = 64 * 1024


def jpeg(size=(40, 30), colour=(200, 120, 40), exif=None):
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, "JPEG", exif=exif or b"")
    return output.getvalue()


def png(size=(20, 20)):
    output = io.BytesIO()
    Image.new("RGBA", size, (10, 200, 10, 128)).save(output, "PNG")
    return output.getvalue()


def gif():
    output = io.BytesIO()
    Image.new("P", (12, 12), 3).save(output, "GIF")
    return output.getvalue()


def bmp():
    output = io.BytesIO()
    Image.new("RGB", (12, 12)).save(output, "BMP")
    return output.getvalue()


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def bilevel_png(width, height, rows=None):
    """A black 1-bit PNG: huge in pixels, tiny on disk (all zeros compress well)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    if rows is None:
        rows = height
    compressor = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)
    pixels = b"".join(compressor.compress(row) for _ in range(rows))
    pixels += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def camera_exif():
    exif = Image.Exif()
    exif[0x010F] = "Theke Kamera"  # Make
    exif[0x0112] = 6  # Orientation: turned right
    return exif.tobytes()


GOOD_JPEG = jpeg(exif=camera_exif())
PAGES = {
    "/good.jpg": (200, "image/jpeg", GOOD_JPEG),
    "/other.jpg": (200, "image/jpeg", jpeg(colour=(10, 10, 200))),
    "/good.png": (200, "image/png", png()),
    "/bilder/k%C3%A4se%20laib.jpg": (200, "image/jpeg", jpeg()),
    "/really-a-gif.jpg": (200, "image/jpeg", gif()),
    "/picture.bmp": (200, "image/bmp", bmp()),
    "/page.html": (200, "text/html", b"<!doctype html><title>Shop</title><p>Hi"),
    "/truncated.jpg": (200, "image/jpeg", jpeg(size=(400, 300))[:700]),
    "/bomb.png": (200, "image/png", bilevel_png(6000, 6000)),
    "/declared-bomb.png": (200, "image/png", bilevel_png(30000, 30000, rows=1)),
    "/missing.jpg": (404, "text/html", b"not here"),
}


class ShopServer(BaseHTTPRequestHandler):
    hits = Counter()
    lock = threading.Lock()
    release = threading.Event()
    flaky_failures = 0

    def do_GET(self):  # noqa: N802 - the name http.server calls
        with self.lock:
            self.hits[self.path] += 1
        if self.path == "/slow.jpg":
            self.release.wait(5)
            return self.answer(200, "image/jpeg", GOOD_JPEG)
        if self.path == "/to-file.jpg":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return None
        if self.path == "/to-good.jpg":
            self.send_response(301)
            self.send_header("Location", "/good.jpg")
            self.end_headers()
            return None
        if self.path == "/huge-declared.jpg":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(50 * MAX_BYTES))
            self.end_headers()
            return None
        if self.path == "/huge-streamed.jpg":
            # No length given: the body only ends when the connection closes.
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            # Theke hangs up once the limit is passed, as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(20):
                    self.wfile.write(bytes(MAX_BYTES // 4))
            self.close_connection = True
            return None
        if self.path == "/flaky.jpg" and ShopServer.flaky_failures:
            ShopServer.flaky_failures -= 1
            return self.answer(503, "text/plain", b"busy")
        if self.path == "/flaky.jpg":
            return self.answer(200, "image/jpeg", GOOD_JPEG)
        status, content_type, body = PAGES.get(self.path, PAGES["/missing.jpg"])
        return self.answer(status, content_type, body)

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ShopServer)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    ShopServer.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, server):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHOP_LINK_IMAGE_MAX_BYTES = MAX_BYTES
    ShopServer.hits.clear()
    ShopServer.flaky_failures = 0
    with translation.override("en"):
        yield


@pytest.fixture
def source():
    return ProductSource.objects.create(
        name="Hofladen", format="merchant-xml", location="", shop_name="Hofladen"
    )


def make_product(source, external_id, image_link):
    now = timezone.now()
    return Product.objects.create(
        source=source,
        external_id=external_id,
        title=f"Produkt {external_id}",
        slug=f"produkt-{external_id}".lower(),
        link=f"https://hofladen.example/p/{external_id}",
        image_link=image_link,
        price=Decimal("3.20"),
        currency="EUR",
        content_hash=external_id,
        last_seen_at=now,
        synced_at=now,
    )


def reasons_by_id(problems):
    return {problem["location"]: problem["reason"] for problem in problems}


def stored(product):
    product.refresh_from_db()
    return product.image


def test_good_pictures_are_stored_once_per_address(server, source):
    first = make_product(source, "A1", f"{server}/good.jpg")
    second = make_product(source, "A2", f"{server}/good.jpg")
    third = make_product(source, "A3", f"{server}/good.png")

    problems = attach_images([first, second, third])

    assert problems == []
    assert ShopServer.hits["/good.jpg"] == 1
    assert ShopServer.hits["/good.png"] == 1
    assert stored(first) == stored(second)
    assert stored(third) != stored(first)
    assert get_image_model().objects.count() == 2
    assert FeedImage.objects.get(url=f"{server}/good.jpg").image == first.image
    assert first.image.title == "Produkt A1"
    assert first.image.collection.name == "Produkte"
    assert first.image.file.name.endswith("/good.jpg")
    assert third.image.file.name.endswith("/good.png")


def test_stored_pictures_lose_camera_data_and_stand_upright(server, source):
    product = make_product(source, "A1", f"{server}/good.jpg")

    attach_images([product])

    image = stored(product)
    with image.open_file() as file, Image.open(file) as picture:
        assert picture.size == (30, 40)
        assert dict(picture.getexif()) == {}
    assert image.width == 30
    assert image.file_size == image.file.size


def test_an_unchanged_link_fetches_nothing(server, source):
    product = make_product(source, "A1", f"{server}/good.jpg")
    attach_images([product])
    picture = stored(product)
    ShopServer.hits.clear()

    problems = attach_images([Product.objects.get(pk=product.pk)])

    assert problems == []
    assert sum(ShopServer.hits.values()) == 0
    assert stored(product) == picture


def test_a_changed_link_fetches_the_new_picture(server, source):
    product = make_product(source, "A1", f"{server}/good.jpg")
    attach_images([product])
    old_picture = stored(product)

    product.image_link = f"{server}/other.jpg"
    attach_images([product])

    assert ShopServer.hits["/other.jpg"] == 1
    assert stored(product) != old_picture
    assert FeedImage.objects.count() == 2


def test_a_link_another_product_already_uses_is_not_fetched_again(server, source):
    attach_images([make_product(source, "A1", f"{server}/good.jpg")])
    ShopServer.hits.clear()
    newcomer = make_product(source, "A2", f"{server}/good.jpg")

    attach_images([newcomer])

    assert sum(ShopServer.hits.values()) == 0
    assert stored(newcomer) == FeedImage.objects.get().image


def test_the_file_name_follows_the_format_pillow_finds(server, source):
    product = make_product(source, "A1", f"{server}/really-a-gif.jpg")

    assert attach_images([product]) == []

    assert stored(product).file.name.endswith("/really-a-gif.gif")


def test_links_with_umlauts_and_spaces_are_escaped(server, source):
    product = make_product(source, "A1", f"{server}/bilder/käse laib.jpg")

    assert attach_images([product]) == []

    assert ShopServer.hits["/bilder/k%C3%A4se%20laib.jpg"] == 1
    assert stored(product).file.name.endswith("/kase-laib.jpg")


def test_redirects_to_web_addresses_are_followed(server, source):
    product = make_product(source, "A1", f"{server}/to-good.jpg")

    assert attach_images([product]) == []

    assert stored(product) is not None


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.jpg", "the server answered 404 Not Found"),
        ("/page.html", "not an image but text/html"),
        ("/picture.bmp", "not a JPEG, PNG, WebP or GIF image"),
        ("/truncated.jpg", "the image is damaged or incomplete"),
        ("/huge-declared.jpg", "the file is larger than 64.0\xa0KB, the limit"),
        ("/huge-streamed.jpg", "the file is larger than 64.0\xa0KB, the limit"),
        ("/bomb.png", "the image has 6000 × 6000 pixels, more than 25,000,000"),
        ("/declared-bomb.png", "the image has more than 25,000,000 pixels"),
        (
            "/to-file.jpg",
            "the server redirected to file:///etc/passwd, which is not an http(s)",
        ),
    ],
)
def test_a_bad_picture_leaves_the_product_without_one_and_says_why(
    server, source, path, reason
):
    product = make_product(source, "A1", f"{server}{path}")

    problems = attach_images([product])

    assert len(problems) == 1
    assert problems[0]["location"] == "A1"
    assert problems[0]["reason"].startswith(f"image {server}{path}: {reason}")
    assert stored(product) is None
    assert get_image_model().objects.count() == 0
    assert FeedImage.objects.get().error.startswith(reason)


@override_settings(SHOP_LINK_IMAGE_MAX_PIXELS=10**10)
def test_pillows_own_bomb_guard_holds_when_the_limit_is_raised(server, source):
    product = make_product(source, "A1", f"{server}/declared-bomb.png")

    problems = attach_images([product])

    assert "the image has more than 10,000,000,000 pixels" in problems[0]["reason"]
    assert stored(product) is None


@override_settings(SHOP_LINK_IMAGE_TIMEOUT=0.3)
def test_a_slow_server_times_out(server, source):
    product = make_product(source, "A1", f"{server}/slow.jpg")

    started = time.monotonic()
    problems = attach_images([product])

    assert time.monotonic() - started < 3
    assert reasons_by_id(problems) == {
        "A1": f"image {server}/slow.jpg: the server did not answer within 0.3 "
        "seconds; try again later"
    }
    assert stored(product) is None


def test_one_bad_picture_does_not_stop_the_others(server, source):
    good = make_product(source, "A1", f"{server}/good.jpg")
    bad = make_product(source, "A2", f"{server}/page.html")
    also_good = make_product(source, "A3", f"{server}/good.png")

    problems = attach_images([good, bad, also_good])

    assert list(reasons_by_id(problems)) == ["A2"]
    assert stored(good) is not None
    assert stored(bad) is None
    assert stored(also_good) is not None


def test_a_new_link_that_fails_takes_the_old_picture_away(server, source):
    product = make_product(source, "A1", f"{server}/good.jpg")
    attach_images([product])

    product.image_link = f"{server}/missing.jpg"
    problems = attach_images([product])

    assert "404" in problems[0]["reason"]
    assert stored(product) is None


def test_a_link_removed_from_the_feed_takes_the_picture_away(server, source):
    product = make_product(source, "A1", f"{server}/good.jpg")
    attach_images([product])

    product.image_link = ""
    assert attach_images([product]) == []

    assert stored(product) is None


def test_a_failed_link_is_not_asked_again_before_the_retry_time(server, source):
    ShopServer.flaky_failures = 1
    product = make_product(source, "A1", f"{server}/flaky.jpg")
    attach_images([product])
    ShopServer.hits.clear()

    problems = attach_images([product])

    assert ShopServer.hits["/flaky.jpg"] == 0
    assert "503 Service Unavailable (failed on " in problems[0]["reason"]
    assert "will be tried again after" in problems[0]["reason"]


def test_a_failed_link_is_tried_again_after_the_retry_time(server, source):
    ShopServer.flaky_failures = 1
    product = make_product(source, "A1", f"{server}/flaky.jpg")
    attach_images([product])
    FeedImage.objects.update(fetched_at=timezone.now() - timedelta(days=2))

    problems = attach_images([product])

    assert problems == []
    assert ShopServer.hits["/flaky.jpg"] == 2
    assert stored(product) is not None
    assert FeedImage.objects.get().error == ""


def test_relative_links_of_a_remote_feed_are_resolved_against_it(server, source):
    product = make_product(source, "A1", "../good.jpg")

    problems = attach_images([product], base_location=f"{server}/feeds/shop.xml")

    assert problems == []
    assert ShopServer.hits["/good.jpg"] == 1
    assert FeedImage.objects.get().url == f"{server}/good.jpg"


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("file:///etc/hostname", "file addresses are only followed for a feed read"),
        ("ftp://127.0.0.1/a.jpg", "addresses starting with “ftp:” are not fetched"),
        ("data:image/png;base64,AAAA", "addresses starting with “data:” are not"),
    ],
)
def test_a_remote_feed_cannot_point_at_other_kinds_of_address(
    server, source, link, reason
):
    product = make_product(source, "A1", link)

    problems = attach_images([product], base_location=f"{server}/shop.xml")

    assert problems[0]["reason"].startswith(f"image {link}: {reason}")
    assert sum(ShopServer.hits.values()) == 0


def test_a_relative_link_without_a_feed_address_is_refused(source):
    product = make_product(source, "A1", "images/brot.jpg")

    problems = attach_images([product])

    assert reasons_by_id(problems) == {
        "A1": "image images/brot.jpg: the link is relative and the feed has no address"
    }


@pytest.fixture
def feed_folder(tmp_path):
    """A local feed with a picture beside it, and a secret file outside its folder."""
    folder = tmp_path / "feed"
    (folder / "bilder").mkdir(parents=True)
    (folder / "shop.xml").write_text("<rss/>")
    (folder / "bilder" / "Käse Laib.jpg").write_bytes(jpeg())
    (tmp_path / "secret.jpg").write_bytes(jpeg())
    (folder / "bilder" / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    return folder


@pytest.mark.parametrize(
    "link",
    [
        "bilder/Käse Laib.jpg",
        "bilder/K%C3%A4se%20Laib.jpg",
        "./bilder/../bilder/Käse Laib.jpg",
    ],
)
def test_a_local_feed_reads_pictures_from_its_folder(source, feed_folder, link):
    product = make_product(source, "A1", link)

    problems = attach_images([product], base_location=str(feed_folder / "shop.xml"))

    assert problems == []
    assert stored(product).file.name.endswith("/kase-laib.jpg")


def test_a_local_feed_may_name_its_folder_instead_of_its_file(source, feed_folder):
    product = make_product(source, "A1", "bilder/Käse Laib.jpg")

    assert attach_images([product], base_location=str(feed_folder)) == []

    assert stored(product) is not None


@pytest.mark.parametrize(
    "link",
    [
        "../secret.jpg",
        "bilder/../../secret.jpg",
        "bilder/link.jpg",
        "/etc/hostname",
        "file:///etc/hostname",
        "//other-server/secret.jpg",
    ],
)
def test_a_local_feed_cannot_reach_outside_its_folder(source, feed_folder, link):
    product = make_product(source, "A1", link)

    problems = attach_images([product], base_location=str(feed_folder / "shop.xml"))

    assert reasons_by_id(problems) == {
        "A1": f"image {link}: the file lies outside the feed's folder"
    }
    assert stored(product) is None


def test_a_missing_local_file_is_reported(source, feed_folder):
    product = make_product(source, "A1", "bilder/fehlt.jpg")

    problems = attach_images([product], base_location=str(feed_folder / "shop.xml"))

    assert reasons_by_id(problems) == {
        "A1": "image bilder/fehlt.jpg: there is no such file"
    }


def test_a_large_local_file_is_refused(source, feed_folder):
    (feed_folder / "bilder" / "riesig.jpg").write_bytes(bytes(MAX_BYTES + 1))
    product = make_product(source, "A1", "bilder/riesig.jpg")

    problems = attach_images([product], base_location=str(feed_folder / "shop.xml"))

    assert reasons_by_id(problems) == {
        "A1": "image bilder/riesig.jpg: the image is larger than 64.0\xa0KB"
    }


def test_a_local_feed_still_fetches_web_addresses(server, source, feed_folder):
    product = make_product(source, "A1", f"{server}/good.png")

    problems = attach_images([product], base_location=str(feed_folder / "shop.xml"))

    assert problems == []
    assert ShopServer.hits["/good.png"] == 1
