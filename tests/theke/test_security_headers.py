"""Every address of the site answers with the security headers of production:
a content security policy without inline scripts on the public site, HSTS,
nosniff, the referrer and opener policies, a permissions policy that refuses
what no page uses, `no-store` for everything personal, secure cookies, and
`Clear-Site-Data` when a session ends."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from wagtail.test.utils.form_data import querydict_from_html

from blog.models import BlogIndexPage
from community.members.avatars import INITIALS_SIZES, INITIALS_TONES
from home.blocks import EMBED_SOURCES
from home.headers import CLEAR_SITE_DATA
from tests.factories import (
    PASSWORD,
    BlogPageFactory,
    build_shop,
    category,
    member,
    staff,
    topic,
)
from theke.settings.base import bucket_origins

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
SECRET = "x" * 50

# What the production settings say about security, read in a fresh interpreter.
SECURITY_SETTINGS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_ADMIN",
    "PERMISSIONS_POLICY",
    "PERSONAL_PATHS",
)

PUBLIC = [
    "/",
    "/blog/",
    "{post}",
    "/producers/",
    "{producer}",
    "/products/",
    "{product}",
    "/community/",
    "{topic}",
    "/blog/feed/",
    "/blog/atom/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-blog.xml",
    "/sitemap-products.xml",
    "/robots.txt",
    "/impressum/",
    "/privacy/",
    "/feedback/",
    "/search/?q=K%C3%A4se",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/gibt-es-nicht/",
    "/static/css/theke.css",
    "/static/js/theke.js",
]
ACCOUNT = [
    "/account/profile/",
    "/account/email/",
    "/account/password/change/",
    "/account/interests/",
    "/account/data/",
    "/account/data/export.json",
    "/account/delete/",
    "/account/logout/",
]
ADMIN = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{post_id}/edit/",
    "/admin/images/",
]
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


def production_value(*names, **env):
    """The values of `names` in the production settings, with `env` set."""
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "CSP_", "SECURE_"))
    }
    environment.update(
        SECRET_KEY=SECRET,
        DJANGO_SETTINGS_MODULE="theke.settings.production",
        **env,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production():
    return production_value(*SECURITY_SETTINGS)


@pytest.fixture
def secure(settings, production):
    """The test settings with the production settings' security switched on."""
    for name, value in production.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return settings


@pytest.fixture
def shop():
    found = build_shop()
    post = BlogPageFactory(parent=BlogIndexPage.objects.get(), title="Käse reift")
    author = member("Jana Petersen", verified=True)
    started = topic(author, category(), title="Ofengemüse")
    return {
        "post": post.url,
        "post_id": post.pk,
        "producer": found["producer"].url,
        "product": f"/products/{found['cheese'].slug}/",
        "topic": f"/community/{started.slug}/",
    }


def policy(header):
    """A Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_security_headers(response, url):
    assert response["Strict-Transport-Security"].startswith("max-age="), url
    assert int(
        re.match(r"max-age=(\d+)", response["Strict-Transport-Security"])[1]
    ) >= (365 * 24 * 60 * 60), url
    assert "includeSubDomains" in response["Strict-Transport-Security"], url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    features = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    for feature in (*DENIED_FEATURES, "browsing-topics"):
        assert features[feature] == "()", (url, feature)
    for cookie in response.cookies.values():
        assert cookie["secure"] and cookie["httponly"], (url, cookie.key)
        assert cookie["samesite"] == "Lax", (url, cookie.key)
    directives = policy(response["Content-Security-Policy"])
    assert directives["object-src"] == ["'none'"], url
    assert directives["base-uri"] == ["'none'"], url
    for directive in ("script-src", "default-src"):
        assert "'unsafe-eval'" not in directives[directive], url
    return directives


def get(client, url):
    response = client.get(url, secure=True)
    assert response.status_code in {200, 302, 404}, (url, response.status_code)
    return response


def assert_no_inline_code(response, url):
    """The page runs only scripts from files and sets no style of its own."""
    if "text/html" not in response.get("Content-Type", ""):
        return
    page = response.content.decode()
    for script in re.findall(r"<script\b[^>]*>", page):
        assert "src=" in script or 'type="application/ld+json"' in script, url
    assert not re.search(r"\sstyle=", page), url
    assert not re.search(r"\son[a-z]+=", page), url
    assert "javascript:" not in page, url


def test_every_public_address_sends_the_headers_and_runs_no_inline_code(
    client, secure, shop
):
    for pattern in PUBLIC:
        url = pattern.format(**shop)
        response = get(client, url)
        directives = assert_security_headers(response, url)

        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["form-action"] == ["'self'"], url
        assert not any("nonce-" in source for source in directives["script-src"])
        if not url.startswith("/static/"):
            # Files from whitenoise are no documents to frame; the policy's
            # frame-ancestors covers them all the same.
            assert response["X-Frame-Options"] == "DENY", url
        if not url.startswith("/account/"):
            assert "no-store" not in response.get("Cache-Control", ""), url
        assert_no_inline_code(response, url)


def test_a_stored_page_carries_the_same_headers_as_a_rendered_one(client, secure, shop):
    # The first request makes the shop's settings, which purges every page.
    get(client, shop["post"])
    first = get(client, shop["post"])
    again = get(client, shop["post"])

    assert again["X-Cache"] == "HIT"
    for name in ("Content-Security-Policy", "Permissions-Policy"):
        assert again[name] == first[name]
    assert assert_security_headers(again, shop["post"])


def test_every_account_page_is_kept_by_no_cache(client, secure, shop):
    client.force_login(member("Berta Brot", "berta@example.org", verified=True))

    for url in ACCOUNT:
        response = get(client, url)
        directives = assert_security_headers(response, url)

        assert response.status_code == 200, url
        assert directives["script-src"] == ["'self'"], url
        assert_no_inline_code(response, url)
        control = response["Cache-Control"]
        assert "no-store" in control and "private" in control, (url, control)
        assert "public" not in control, url


def test_every_page_for_a_member_is_kept_by_no_cache(client, secure, shop):
    """A member's page shows their name and their own held comments: neither
    a shared cache nor the browser keeps it."""
    client.force_login(member("Berta Brot", "berta@example.org", verified=True))

    for pattern in PUBLIC:
        url = pattern.format(**shop)
        if url.startswith("/static/"):
            continue
        response = get(client, url)
        control = {word.strip() for word in response["Cache-Control"].split(",")}

        assert {"private", "no-store"} <= control, (url, control)
        assert "public" not in control, url
        assert_security_headers(response, url)


def test_the_account_forms_before_log_in_are_kept_by_no_cache(client, secure, shop):
    for url in ("/account/login/", "/account/signup/", "/account/password/reset/"):
        assert "no-store" in get(client, url)["Cache-Control"], url


def test_the_admin_has_its_own_policy_and_is_kept_by_no_cache(client, secure, shop):
    client.force_login(staff("Lena Lindner", superuser=True))

    for pattern in ADMIN:
        url = pattern.format(**shop)
        response = get(client, url)
        directives = assert_security_headers(response, url)

        assert response.status_code == 200, url
        assert directives["frame-ancestors"] == ["'self'"], url
        assert "'unsafe-eval'" not in directives["script-src"], url
        assert "no-store" in response["Cache-Control"], url
        assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}, url


def test_a_preview_keeps_the_public_policy_but_may_be_framed_by_the_site(
    client, secure, shop
):
    """Wagtail renders a preview through the public address's middleware; the
    editor's preview panel frames it, so the site itself may frame it."""
    blog = BlogIndexPage.objects.get()
    client.force_login(staff("Lena Lindner", superuser=True))
    edit = client.get(f"/admin/pages/{blog.pk}/edit/", secure=True)
    form = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    form["title"] = "Vorschau der Geschichten"
    preview = f"/admin/pages/{blog.pk}/edit/preview/"
    stored = client.post(preview, form, secure=True)
    assert stored.json() == {"is_valid": True, "is_available": True}

    for query in ("?in_preview_panel=true", "?mode="):
        # As behind the site's proxy, which Wagtail's made-up request copies.
        response = client.get(
            preview + query, secure=True, headers={"X-Forwarded-Proto": "https"}
        )
        directives = assert_security_headers(response, query)

        assert response.status_code == 200, query
        assert "Vorschau der Geschichten" in response.content.decode(), query
        assert directives["frame-ancestors"] == ["'self'"], query
        assert directives["script-src"] == ["'self'"], query
        assert directives["style-src"] == ["'self'"], query
        assert response["X-Frame-Options"] == "SAMEORIGIN", query
        assert "no-store" in response["Cache-Control"], query

    client.logout()
    public = get(client, blog.url)
    assert policy(public["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert public["X-Frame-Options"] == "DENY"


def test_logging_in_sets_only_secure_http_only_lax_cookies(client, secure, shop):
    member("Berta Brot", "berta@example.org", verified=True)

    response = client.post(
        "/account/login/",
        {"login": "berta@example.org", "password": PASSWORD},
        secure=True,
    )

    assert response.status_code == 302
    assert {"sessionid", "csrftoken"} <= set(response.cookies)
    assert_security_headers(response, "/account/login/")


def test_logging_out_tells_the_browser_to_forget_the_site(client, secure, shop):
    client.force_login(member("Berta Brot", "berta@example.org", verified=True))

    asked = get(client, "/account/logout/")
    response = client.post("/account/logout/", secure=True)

    assert "Clear-Site-Data" not in asked
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA
    assert not client.session.get("_auth_user_id")


def test_logging_out_of_the_admin_tells_the_browser_to_forget_the_site(
    client, secure, shop
):
    client.force_login(staff("Lena Lindner", superuser=True))

    response = client.post("/admin/logout/", secure=True)

    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA


def test_deleting_the_account_tells_the_browser_to_forget_the_site(
    client, secure, shop
):
    client.force_login(member("Berta Brot", "berta@example.org", verified=True))

    refused = client.post(
        "/account/delete/", {"password": "falsch", "posts": "remove"}, secure=True
    )
    response = client.post(
        "/account/delete/", {"password": PASSWORD, "posts": "remove"}, secure=True
    )

    assert "Clear-Site-Data" not in refused
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA


def test_a_page_for_a_reader_never_asks_the_browser_to_forget(client, secure, shop):
    response = get(client, "/")

    assert "Clear-Site-Data" not in response


def test_the_video_providers_are_the_only_frames_the_public_policy_allows():
    frames = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    providers = {
        "{0.scheme}://{0.netloc}".format(urlsplit(address))
        for __, address in EMBED_SOURCES.values()
    }

    assert set(frames) == providers


def test_the_style_sheet_has_a_class_for_every_initials_size_and_tone():
    css = (PROJECT / "static" / "css" / "theke.css").read_text()

    for size in INITIALS_SIZES:
        assert re.search(rf"\.avatar--{size} \{{\s*--avatar-size: {size}px;", css)
    for tone in range(INITIALS_TONES):
        assert re.search(rf"\.avatar--tone-{tone} \{{\s*--avatar-colour: #", css)


INLINE_CODE = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>"
    r"|\son[a-z]+=|javascript:|\sstyle=|<style\b",
    re.IGNORECASE,
)


def test_no_template_of_the_site_holds_inline_code_or_style():
    templates = PROJECT / "templates"
    offending = [
        f"{path.relative_to(templates)}: {found.group(0)}"
        for path in sorted(templates.rglob("*.html"))
        if path.relative_to(templates).parts[0] != "wagtailadmin"
        and "admin" not in path.relative_to(templates).parts
        for found in INLINE_CODE.finditer(path.read_text())
    ]

    assert offending == []


@pytest.mark.parametrize(
    ("options", "origins"),
    [
        (
            {"bucket_name": "theke", "custom_domain": "media.shop.example"},
            ["https://media.shop.example"],
        ),
        (
            {"bucket_name": "theke", "endpoint_url": "https://s3.example.net:9000"},
            ["https://s3.example.net:9000", "https://theke.s3.example.net:9000"],
        ),
        (
            {"bucket_name": "theke", "region_name": "eu-central-1"},
            [
                "https://theke.s3.amazonaws.com",
                "https://theke.s3.eu-central-1.amazonaws.com",
            ],
        ),
    ],
)
def test_pictures_from_a_bucket_come_from_its_origins(options, origins):
    assert bucket_origins(options) == origins


def test_production_policies_name_the_bucket_pictures_come_from():
    found = production_value(
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_ADMIN",
        AWS_STORAGE_BUCKET_NAME="theke",
        AWS_S3_CUSTOM_DOMAIN="media.shop.example",
    )
    chosen = production_value(
        "CONTENT_SECURITY_POLICY",
        AWS_STORAGE_BUCKET_NAME="theke",
        CSP_MEDIA_SOURCES="https://bilder.shop.example",
    )

    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_ADMIN"):
        assert "https://media.shop.example" in found[name]["DIRECTIVES"]["img-src"]
    assert chosen["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == [
        "'self'",
        "https://bilder.shop.example",
    ]


def test_production_settings_pass_the_deployment_checks_without_a_warning():
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser tests of this process allow Django's ORM in Playwright's
        # event loop; a deployment never sets that.
        if not key.startswith(("SECURE_", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC"))
    }
    environment["SECRET_KEY"] = secrets.token_urlsafe(50)
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=theke.settings.production",
        ],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
