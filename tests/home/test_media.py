"""Uploads are served by the app under the production settings without a
bucket: pictures and their renditions with the type their bytes show, anything
else only as a download, nothing outside MEDIA_ROOT, and documents only
through Wagtail's view, as attachments."""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from home.media.files import (
    ASK_AGAIN,
    LASTING,
    delivery,
    is_lasting,
    lasting_name,
    sniff,
)
from tests.factories import ImageFactory, staff
from tests.theke.test_security_headers import production_value

pytestmark = pytest.mark.django_db

# What the production settings say about uploads when no bucket is named.
MEDIA_SETTINGS = (
    "DEBUG",
    "SERVE_MEDIA",
    "MEDIA_URL",
    "WAGTAILIMAGES_RENDITION_STORAGE",
    "WAGTAILDOCS_SERVE_METHOD",
    "WAGTAILDOCS_INLINE_CONTENT_TYPES",
    "SECURE_CONTENT_TYPE_NOSNIFF",
)
EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script></svg>"
)
PICTURES = {"GIF": "image/gif", "PNG": "image/png", "JPEG": "image/jpeg"}


def picture(kind, size=(40, 30)):
    """The bytes of a small picture in the Pillow format `kind`."""
    out = io.BytesIO()
    PillowImage.new("RGB", size, (180, 120, 40)).save(out, format=kind)
    return out.getvalue()


@pytest.fixture(scope="module")
def production():
    return production_value(*MEDIA_SETTINGS, "STORAGES")


@pytest.fixture
def media(settings, production, tmp_path):
    """The production settings for uploads, with a MEDIA_ROOT of the test's own."""
    for name in MEDIA_SETTINGS:
        setattr(settings, name, production[name])
    assert production["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert production["STORAGES"]["renditions"] == settings.STORAGES["renditions"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def stored(root, name, content):
    """Write `content` under MEDIA_ROOT as `name`, as if uploaded there."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def get(client, url, **headers):
    return client.get(url, secure=True, headers=headers)


def assert_delivered_safely(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Set-Cookie" not in response
    assert not response.cookies


@pytest.mark.parametrize("kind", PICTURES)
def test_pictures_and_their_renditions_are_served_with_the_type_of_their_bytes(
    client, media, kind
):
    data = picture(kind)
    image = ImageFactory(file=ImageFile(io.BytesIO(data), name=f"hofladen.{kind}"))
    rendition = image.get_rendition("fill-20x10")

    original = get(client, image.file.url)
    resized = get(client, rendition.url)

    assert original.status_code == 200
    assert original["Content-Type"] == PICTURES[kind]
    assert b"".join(original.streaming_content) == data
    assert original["Cache-Control"] == ASK_AGAIN
    assert "Content-Disposition" not in original
    assert_delivered_safely(original)
    assert resized.status_code == 200
    assert re.fullmatch(
        r"/media/images/hofladen\.\w+\.fill-20x10\.[a-z0-9]{16}\.(gif|png|jpg)",
        rendition.url,
    )
    assert resized["Content-Type"].startswith("image/")
    assert resized["Cache-Control"] == LASTING
    assert PillowImage.open(io.BytesIO(b"".join(resized.streaming_content))).size == (
        20,
        10,
    )
    assert_delivered_safely(resized)


def test_a_picture_uploaded_in_the_admin_is_served(client, media):
    client.force_login(staff("Jana Petersen", superuser=True))
    upload = SimpleUploadedFile("Käserei am Deich.png", picture("PNG"), "image/png")

    response = client.post(
        "/admin/images/add/",
        {"title": "Käserei", "file": upload, "collection": 1},
        secure=True,
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get(title="Käserei")
    served = get(client, image.file.url)
    rendition = get(client, image.get_rendition("width-20").url)
    assert (served.status_code, served["Content-Type"]) == (200, "image/png")
    assert (rendition.status_code, rendition["Content-Type"]) == (200, "image/png")
    # A member's or staff's session makes no picture private, nor sets a cookie.
    for response in (served, rendition):
        assert "private" not in response["Cache-Control"]
        assert "Cookie" not in response.get("Vary", "")
        assert_delivered_safely(response)


def test_a_picture_deleted_and_uploaded_again_gets_new_rendition_addresses(
    media, django_capture_on_commit_callbacks
):
    first = ImageFactory(file=ImageFile(io.BytesIO(picture("PNG")), name="hof.png"))
    old = first.get_rendition("fill-20x10").url
    # Wagtail deletes the files once the deletion is committed.
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert not list((media / "images").iterdir())
    again = ImageFactory(file=ImageFile(io.BytesIO(picture("GIF")), name="hof.png"))

    assert again.get_rendition("fill-20x10").url != old


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("original_images/bild.png", HTML),
        ("original_images/zeichnung.svg", SVG),
        ("images/zeichnung.fill-20x10.png", SVG),
        ("avatars/seite.html", HTML),
        ("bild.gif.html", b"GIF89a" + HTML),
        ("notiz.txt", b"<svg onload=alert(1)>"),
    ],
)
def test_markup_is_never_served_as_a_page_or_a_drawing(client, media, name, content):
    stored(media, name, content)

    response = get(client, f"/media/{name}")

    assert response.status_code == 200
    if content.startswith(b"GIF89a"):
        # Its bytes are a picture's, whatever its name: shown as one, not run.
        assert response["Content-Type"] == "image/gif"
    else:
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
    assert_delivered_safely(response)


@pytest.mark.parametrize(
    "url",
    [
        "/media/../theke/settings/base.py",
        "/media/%2e%2e/theke/settings/base.py",
        "/media/..%2ftheke/settings/base.py",
        "/media/%2E%2E%2Ftheke%2Fsettings%2Fbase.py",
        "/media/original_images/../../theke/settings/base.py",
        "/media/..%5ctheke%5csettings%5cbase.py",
        "/media/%252e%252e/theke/settings/base.py",
        "/media//etc/passwd",
        "/media/%2fetc/passwd",
        "/media/bild.png%00",
        "/media/bild.png%00.html",
        "/media/%00/bild.png",
        "/media/./bild.png",
        "/media/",
        "/media/original_images/",
        "/media/original_images",
        "/media/documents/preisliste.txt",
        "/media/gibt-es-nicht.png",
    ],
)
def test_nothing_outside_the_uploads_is_served(client, media, url):
    stored(media, "bild.png", picture("PNG"))
    stored(media, "original_images/bild.png", picture("PNG"))
    stored(media, "documents/preisliste.txt", b"geheim")

    response = get(client, url)

    assert response.status_code == 404
    assert b"SECRET_KEY" not in response.content
    assert b"geheim" not in response.content


def test_a_link_out_of_the_uploads_is_not_followed(client, media):
    settings_file = Path(django_settings.BASE_DIR) / "theke" / "settings" / "base.py"
    (media / "einstellungen.png").symlink_to(settings_file)
    (media / "projekt").symlink_to(Path(django_settings.BASE_DIR))

    for url in ("/media/einstellungen.png", "/media/projekt/theke/settings/base.py"):
        response = get(client, url)
        assert response.status_code == 404, url
        assert b"SECRET_KEY" not in response.content


def test_only_get_and_head_are_answered(client, media):
    stored(media, "bild.png", picture("PNG"))

    head = client.head("/media/bild.png", secure=True)
    posted = client.post("/media/bild.png", secure=True)

    assert head.status_code == 200
    assert head["Content-Type"] == "image/png"
    assert int(head["Content-Length"]) == len(picture("PNG"))
    assert posted.status_code == 404


def test_a_reload_is_answered_without_the_file(client, media):
    stored(media, "bild.png", picture("PNG"))
    first = get(client, "/media/bild.png")

    by_tag = get(client, "/media/bild.png", if_none_match=first["ETag"])
    by_date = get(client, "/media/bild.png", if_modified_since=first["Last-Modified"])

    for response in (by_tag, by_date):
        assert response.status_code == 304
        assert response["ETag"] == first["ETag"]
        assert response["Cache-Control"] == ASK_AGAIN
        assert not response.content
    os.utime(media / "bild.png", (1_900_000_000, 1_900_000_000))
    assert get(client, "/media/bild.png", if_none_match=first["ETag"]).status_code == (
        200
    )


def test_a_part_of_a_file_is_served_on_request(client, media):
    data = picture("PNG")
    stored(media, "bild.png", data)
    tag = get(client, "/media/bild.png")["ETag"]

    start = get(client, "/media/bild.png", range="bytes=0-7")
    end = get(client, "/media/bild.png", range="bytes=-4")
    beyond = get(client, "/media/bild.png", range=f"bytes={len(data)}-")
    stale = get(client, "/media/bild.png", range="bytes=0-7", if_range='"alt"')
    current = get(client, "/media/bild.png", range="bytes=1-3", if_range=tag)

    assert start.status_code == 206
    assert b"".join(start.streaming_content) == data[:8]
    assert start["Content-Range"] == f"bytes 0-7/{len(data)}"
    assert start["Content-Length"] == "8"
    assert start["Content-Type"] == "image/png"
    assert_delivered_safely(start)
    assert b"".join(end.streaming_content) == data[-4:]
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(data)}"
    assert stale.status_code == 200
    assert b"".join(stale.streaming_content) == data
    assert b"".join(current.streaming_content) == data[1:4]


def test_a_range_that_ends_before_it_begins_is_ignored_and_the_whole_file_sent(
    client, media
):
    data = picture("PNG")
    stored(media, "bild.png", data)

    backwards = get(client, "/media/bild.png", range="bytes=5-2")
    past_the_end = get(client, "/media/bild.png", range=f"bytes={len(data) + 5}-2")

    assert backwards.status_code == 200
    assert "Content-Range" not in backwards
    assert backwards["Content-Length"] == str(len(data))
    assert b"".join(backwards.streaming_content) == data
    assert_delivered_safely(backwards)
    # Invalid before it is unsatisfiable: ignored too, not refused.
    assert past_the_end.status_code == 200
    assert b"".join(past_the_end.streaming_content) == data


def test_a_range_that_begins_past_the_end_is_refused(client, media):
    data = picture("PNG")
    stored(media, "bild.png", data)

    for wanted in (f"bytes={len(data)}-", f"bytes={len(data) + 100}-{len(data) + 200}"):
        refused = get(client, "/media/bild.png", range=wanted)

        assert refused.status_code == 416, wanted
        assert refused["Content-Range"] == f"bytes */{len(data)}", wanted


@pytest.mark.parametrize(
    ("language", "words"),
    [("de", "haben wir nicht im Regal"), ("en", "not on our shelves")],
)
def test_a_missing_file_gets_the_sites_404_page_in_the_readers_language(
    client, media, language, words
):
    response = get(client, "/media/original_images/fehlt.png", accept_language=language)

    assert response.status_code == 404
    assert words in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        'Käse "Bio".txt',
        "Zeile\r\nSet-Cookie: a=b.txt",
        "<script>alert(1)</script>.csv",
        "\u202egnp.exe",
        "Schrägstrich\\Rückstrich.bin",
    ],
)
def test_hostile_names_go_out_in_a_safe_download_header(name):
    headers = delivery(f"original_images/{name}", HTML, EXTENSIONS)

    disposition = headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename")
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.isascii()
    assert headers["Content-Type"] == "application/octet-stream"


def test_a_file_named_with_quotes_and_umlauts_downloads_under_its_name(client, media):
    name = "Preis liste Käse.csv"
    stored(media, f"listen/{name}", b"a;b\n1;2\n")

    response = get(client, "/media/listen/Preis%20liste%20K%C3%A4se.csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Preis%20liste%20K%C3%A4se.csv"
    )


def test_a_hostile_upload_name_is_stored_under_a_plain_one(client, media):
    image = ImageFactory(
        file=ImageFile(io.BytesIO(picture("PNG")), name='../../"><svg onload=x>.png')
    )

    assert image.file.name.startswith("original_images/")
    assert image.file.name.count("/") == 1
    assert not set('<>"\\') & set(image.file.name)
    assert get(client, image.file.url).status_code == 200


@pytest.fixture
def documents(media):
    folder = media / "documents"
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("preise.txt", HTML),
        ("liste.csv", SVG),
        ("broschuere.pdf", b"%PDF-1.4\n%<html><script>alert(1)</script>"),
    ],
)
def test_documents_download_as_attachments_through_wagtail(
    client, documents, name, content
):
    document = Document.objects.create(
        title="Preise", file=SimpleUploadedFile(name, content)
    )

    response = get(client, document.url)

    assert document.url == f"/documents/{document.pk}/{name}"
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].split(";")[0] not in {"text/html", "image/svg+xml"}
    assert b"".join(response.streaming_content) == content
    # The file itself is not to be had past Wagtail's view.
    assert get(client, f"/media/{document.file.name}").status_code == 404


def test_what_pictures_begin_with():
    for kind, mime in PICTURES.items():
        assert sniff(picture(kind)[:32]) == mime
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff(b"\x00\x00\x00\x1cftypavif") == "image/avif"
    for markup in (HTML, SVG, b"", b"GIF8", b"\x89PNG", b"%PDF-1.7"):
        assert sniff(markup[:32]) is None


def test_a_picture_type_the_site_does_not_accept_is_a_download():
    assert delivery("bild.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", ["png"]) == {
        "Cache-Control": ASK_AGAIN,
        "Content-Type": "application/octet-stream",
        "Content-Disposition": 'attachment; filename="bild.webp"',
    }


def test_only_names_that_never_change_content_may_be_kept_for_a_year():
    rendition = lasting_name("images/hof.fill-20x10.png")

    assert rendition != lasting_name("images/hof.fill-20x10.png")
    assert is_lasting(rendition)
    assert is_lasting("avatars/0123456789abcdef.webp")
    assert not is_lasting("images/hof.fill-20x10.png")
    assert not is_lasting("original_images/hof.png")
    assert not is_lasting(f"documents/{rendition.removeprefix('images/')}")
