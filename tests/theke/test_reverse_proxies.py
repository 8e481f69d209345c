"""The nginx and Caddy configurations of deploy/ do what the deployment guide
says, run for real in front of the app under gunicorn with the production
settings (`tests/factories/proxies.py`): HTTP goes to HTTPS; pages reach the
app as secure requests under the shop's name, so there is no redirect loop
and a log-in form posts; static files and uploads arrive with the app's
headers, each once, pictures as pictures and nothing else as anything a
browser runs; the proxy lets through the biggest picture the app takes, so
the app says what is too big, and refuses far bigger bodies itself.

Both servers are started once for the module, each on ports of its own. Where
one is not installed the tests for it are skipped, except in CI, which must
run them (`.ci/run` installs both)."""

import contextlib
import gzip
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from PIL import Image as PillowImage

from home.media.files import ASK_AGAIN, DOWNLOAD_TYPE, LASTING
from home.media.serving import POLICY
from tests.factories import (
    MEMBER_EMAIL,
    MEMBER_NAME,
    PASSWORD,
    PROXY_SETTINGS,
    SHOP,
    Caddy,
    Client,
    Cluster,
    MailServer,
    Nginx,
    Proxy,
    csrf_token,
    find_server,
    fresh_database,
    multipart,
)

PROXIES = {"nginx": Nginx, "caddy": Caddy}
# Sent once by the app, never added by a proxy.
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cache-Control",
)
# What the proxies take at most: 20 MiB (nginx's `20m`, Caddy's `20MiB`).
PROXY_LIMIT = 20 * 1024 * 1024
TOO_LARGE = (
    "Die Anfrage ist zu groß (höchstens 20 MB).",
    "The request is too large (20 MB at most).",
)
STATIC_FILE = re.compile(r'href="(/static/css/[\w.-]+\.[0-9a-f]{12}\.css)"')


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@dataclass
class Shop:
    cluster: Cluster
    made: dict


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """The app under gunicorn with the production settings, on the run's kind
    of database (a fresh PostgreSQL database, or SQLite in a file), its cache
    in files, its static files collected, and the shop made in it."""
    work = tmp_path_factory.mktemp("proxies")
    mail = MailServer().start()
    try:
        with _database(work) as database_url:
            cluster = Cluster(
                database_url, "", mail.port, work, settings=PROXY_SETTINGS
            )
            cluster.environment["STATIC_ROOT"] = str(work / "static")
            try:
                cluster.python("manage.py", "collectstatic", "--no-input", "-v", "0")
                made = cluster.build("tests.factories.proxies")
                cluster.start("app")
                yield Shop(cluster, made)
            finally:
                cluster.stop()
    finally:
        mail.stop()


def _database(work: Path):
    """A DATABASE_URL for the app of the run's kind, made for this module."""
    if connection.vendor == "postgresql":
        return fresh_database(connection.settings_dict)
    return contextlib.nullcontext(f"sqlite:///{work / 'db.sqlite3'}")


@pytest.fixture(scope="module", params=list(PROXIES))
def proxy(request, tmp_path_factory):
    """The proxy, started in front of the shop's app; the shop is made only
    once a proxy to test is installed."""
    kind = PROXIES[request.param]
    if find_server(request.param) is None:
        missing = f"{request.param} is not installed (apt-get install {request.param})"
        if running_in_ci():
            pytest.fail(f"CI must test the {request.param} configuration: {missing}")
        pytest.skip(missing)
    app = request.getfixturevalue("shop").cluster.servers[0]
    server = kind(tmp_path_factory.mktemp(request.param), app.port)
    try:
        yield server.start()
    finally:
        server.stop()


def assert_once(reply, *names):
    for name in names:
        assert len(reply.every(name)) == 1, (name, reply.every(name))


def test_http_is_redirected_to_https_with_the_path_and_query(proxy: Proxy):
    reply = Client(proxy).plain("/blog/?page=2")

    assert reply.status in (301, 308)
    assert reply.headers["Location"] == f"{SHOP}/blog/?page=2"


def test_the_certificate_challenge_is_answered_over_http(proxy: Proxy):
    if not isinstance(proxy, Nginx):
        pytest.skip("Caddy answers the challenges of its own certificates itself")
    token = "Yl3kQ9w-ZtX"
    (proxy.acme / ".well-known" / "acme-challenge" / token).write_text("bewiesen")

    reply = Client(proxy).plain(f"/.well-known/acme-challenge/{token}")

    assert (reply.status, reply.text) == (200, "bewiesen")


def test_https_speaks_http2_over_a_current_tls(proxy: Proxy):
    version, protocol = Client(proxy).handshake()

    assert version in ("TLSv1.2", "TLSv1.3")
    assert protocol == "h2"


def test_pages_reach_the_app_as_secure_requests_for_the_shop(proxy: Proxy):
    reply = Client(proxy).get("/", {"Accept-Encoding": "gzip"})

    # Django saw HTTPS under the shop's name: no redirect to HTTPS again, no
    # refusal of an unknown host, and links to the shop's own address.
    assert reply.status == 200, reply.text[:500]
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert_once(reply, *SECURITY_HEADERS, "Content-Encoding")
    assert reply.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
    assert reply.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in reply.headers["Vary"]
    page = gzip.decompress(reply.body).decode()
    assert f'<link rel="canonical" href="{SHOP}/"' in page
    # Reading sets no cookie, and no proxy adds one.
    assert reply.every("Set-Cookie") == []
    # Nor does a proxy tell its version to whoever asks.
    assert not any(character.isdigit() for character in reply.headers.get("Server", ""))


def test_a_member_logs_in_through_the_proxy(proxy: Proxy):
    browser = Client(proxy)
    form = browser.get("/account/login/")
    assert form.status == 200, form.text[:500]
    assert "csrftoken" in browser.cookies

    body = (
        f"login={MEMBER_EMAIL}&password={PASSWORD}"
        f"&csrfmiddlewaretoken={csrf_token(form.text)}"
    ).encode()
    reply = browser.post("/account/login/", body, "application/x-www-form-urlencoded")

    # The CSRF check took the proxy's request for HTTPS from the shop itself.
    assert reply.status == 302, reply.text[:1000]
    assert reply.headers["Location"] == "/"
    session = [c for c in reply.every("Set-Cookie") if c.startswith("sessionid=")]
    assert len(session) == 1
    assert "Secure" in session[0]
    profile = browser.get("/account/profile/")
    assert profile.status == 200
    assert MEMBER_NAME in profile.text
    assert "no-store" in profile.headers["Cache-Control"]


def test_hashed_static_files_are_kept_for_good_and_compressed(proxy: Proxy):
    page = gzip.decompress(Client(proxy).get("/", {"Accept-Encoding": "gzip"}).body)
    stylesheet = STATIC_FILE.search(page.decode()).group(1)

    reply = Client(proxy).get(stylesheet, {"Accept-Encoding": "gzip"})

    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/css")
    assert_once(reply, "Cache-Control", "X-Content-Type-Options", "Content-Encoding")
    assert "max-age=315360000" in reply.headers["Cache-Control"]
    assert "immutable" in reply.headers["Cache-Control"]
    assert reply.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(reply.body).strip()


def test_pictures_are_served_as_pictures_with_the_apps_headers(proxy: Proxy, shop):
    for path, cache in (
        (shop.made["rendition"], LASTING),
        (shop.made["picture"], ASK_AGAIN),
    ):
        reply = Client(proxy).get(path, {"Accept-Encoding": "gzip"})

        assert reply.status == 200, path
        assert reply.headers["Content-Type"] == "image/jpeg", path
        assert_once(reply, "Cache-Control", "X-Content-Type-Options")
        assert reply.headers["Cache-Control"] == cache
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.every("Content-Security-Policy") == [POLICY]
        assert "Content-Encoding" not in reply.headers
        assert PillowImage.open(io.BytesIO(reply.body)).format == "JPEG"
    assert PillowImage.open(
        io.BytesIO(Client(proxy).get(shop.made["rendition"]).body)
    ).size == (40, 30)


def test_uploads_that_are_no_pictures_go_out_only_as_downloads(proxy: Proxy, shop):
    for path in shop.made["traps"]:
        reply = Client(proxy).get(path)

        assert reply.status == 200, path
        assert reply.headers["Content-Type"] == DOWNLOAD_TYPE, path
        assert reply.headers["Content-Disposition"].startswith("attachment"), path
        assert reply.every("X-Content-Type-Options") == ["nosniff"]
        assert reply.every("Content-Security-Policy") == [POLICY]


def noise(width, height) -> bytes:
    """An uncompressed PNG of random pixels: its size is about 3 × width × height."""
    out = io.BytesIO()
    pixels = PillowImage.frombytes(
        "RGB", (width, height), os.urandom(width * height * 3)
    )
    pixels.save(out, format="PNG", compress_level=0)
    return out.getvalue()


@pytest.fixture(scope="module")
def biggest_picture():
    """A picture of the biggest size the app takes."""
    picture = noise(2000, 2600)
    assert len(picture) <= settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    return picture


def upload(proxy, shop, title, data, size=None):
    """The answer to an editor's upload of the picture `data` in the admin;
    with `size`, the picture is followed by zero bytes until the whole body
    has `size` bytes."""
    editor = Client(proxy, cookies={"sessionid": shop.made["editor_session"]})
    form = editor.get("/admin/images/add/")
    assert form.status == 200, form.text[:500]
    fields = {"csrfmiddlewaretoken": csrf_token(form.text), "title": title}
    fields["collection"] = 1
    body, content_type = multipart(fields, {"file": (f"{title}.png", data)})
    if size is not None:
        data += bytes(size - len(body))
        body, content_type = multipart(fields, {"file": (f"{title}.png", data)})
        assert len(body) == size
    return editor.post("/admin/images/add/", body, content_type)


def test_the_biggest_picture_the_app_takes_passes_the_proxy(
    proxy, shop, biggest_picture
):
    reply = upload(proxy, shop, f"Hofladen von oben {proxy.name}", biggest_picture)

    assert reply.status == 302, reply.text[:1000]


def test_a_body_up_to_the_proxys_limit_reaches_the_app_which_says_what_is_wrong(
    proxy, shop
):
    title = f"Zu groß {proxy.name}"

    reply = upload(proxy, shop, title, noise(40, 30), size=PROXY_LIMIT)

    # The app's form, in the editor's language, with what they typed.
    assert reply.status == 200, reply.text[:1000]
    assert "Die Datei ist zu groß" in reply.text
    assert f'value="{title}"' in reply.text


def test_a_body_beyond_the_proxys_limit_is_refused_in_both_languages(proxy: Proxy):
    refused = Client(proxy).announce("/admin/images/add/", PROXY_LIMIT + 1)

    assert refused.status == 413
    assert refused.headers["Content-Type"] == "text/plain; charset=utf-8"
    for sentence in TOO_LARGE:
        assert sentence in refused.text
