"""A database that goes away: the site answers with its own 503 page, in the
reader's language, that no cache keeps, and serves again by itself once the
database is back, without a restart."""

import sqlite3

import pytest
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from wagtail.models import Site

from home import views
from home.models import ShopSettings
from tests.factories import Forwarder, SiteServer, build_site, member

GERMAN = "Wir sind gleich wieder da"
ENGLISH = "We are back in a moment"


def answer_to(error, language="de"):
    """What the 500 handler answers while Django handles `error`."""
    request = RequestFactory().get("/blog/", HTTP_ACCEPT_LANGUAGE=language)
    try:
        raise error
    except type(error):
        return views.server_error(request)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_error_is_answered_with_the_outage_page(
    error, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = answer_to(error, language="en")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert ENGLISH in html
    assert '<html lang="en">' in html
    assert "/static/css/theke.css" in html


def test_the_outage_page_speaks_german_by_default():
    response = answer_to(OperationalError("gone"), language="")

    assert response.status_code == 503
    assert GERMAN in response.content.decode()
    assert response["Content-Language"] == "de"


def test_a_database_error_raised_from_another_one_is_an_outage_too():
    try:
        raise OperationalError("server closed the connection")
    except OperationalError as cause:
        error = RuntimeError("while loading the session")
        error.__cause__ = cause

    assert answer_to(error).status_code == 503


def test_other_errors_stay_a_500_with_its_own_page():
    for error in (DatabaseError("syntax error"), ValueError("bug")):
        response = answer_to(error)
        assert response.status_code == 500
        assert "Retry-After" not in response
        assert GERMAN not in response.content.decode()


def test_the_500_page_speaks_the_readers_language():
    # Raised before the locale middleware ran (in the page cache), the error
    # still gets the page in the language the reader asks for.
    for language, words in (
        ("en", "Something went wrong on our side"),
        ("de", "Bei uns ist etwas schiefgelaufen"),
    ):
        response = answer_to(ValueError("bug"), language=language)

        assert response.status_code == 500
        assert response["Content-Language"] == language
        html = response.content.decode()
        assert words in html
        assert f'<html lang="{language}">' in html


@pytest.mark.django_db
def test_the_setting_says_how_long_to_wait(settings):
    settings.OUTAGE_RETRY_AFTER = 120

    assert answer_to(OperationalError("gone"))["Retry-After"] == "120"


# The site against a real database that goes away and comes back


@pytest.fixture
def member_cookies():
    client = Client()
    client.force_login(member("Jana Petersen"))
    return {"sessionid": client.cookies["sessionid"].value}


def assert_outage_page(server, path, cookies=None):
    """The 503 page in both languages, and never from a cache."""
    for language, words in (("de", GERMAN), ("en", ENGLISH)):
        status, headers, html = server.get(path, language=language, cookies=cookies)
        assert status == 503, html[:500]
        assert words in html
        assert headers["Retry-After"] == "30"
        assert "no-store" in headers["Cache-Control"]
        assert "X-Cache" not in headers


# A page that reads the database on every request: the blog's page itself is
# read fresh each time. (The impressum needs no query once a process has the
# site and the shop's settings, and is served through an outage.)
READS_DATABASE = "/blog/"


def site_with_settings():
    """The site, its shop settings made now: made by the first request, they
    would purge the page it renders."""
    build_site()
    ShopSettings.for_site(Site.objects.get(is_default_site=True))


def store_front_page(server):
    """The front page, rendered and then served from the shared cache."""
    for expected in ("MISS", "HIT"):
        assert assert_served(server, "/")["X-Cache"] == expected


def assert_served(server, path, cookies=None):
    status, headers, html = server.get(path, cookies=cookies)
    assert status == 200, html[:500]
    assert GERMAN not in html
    return headers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="serves the site through a forwarder to the PostgreSQL server",
)
def test_postgresql_going_away_gives_503s_and_coming_back_serves_again(
    member_cookies,
):
    site_with_settings()
    database = connection.settings_dict
    forwarder = Forwarder((database["HOST"] or "127.0.0.1", int(database["PORT"])))
    forwarder.start()
    # Connections kept between requests and checked before use, as in production.
    through = {**database, "HOST": "127.0.0.1", "PORT": str(forwarder.port)}
    assert through["CONN_MAX_AGE"] > 0 and through["CONN_HEALTH_CHECKS"]
    server = SiteServer(through)
    try:
        store_front_page(server)
        assert_served(server, READS_DATABASE, cookies=member_cookies)

        forwarder.stop()
        assert_outage_page(server, READS_DATABASE)
        # A member's session is read by the middleware before any view runs.
        assert_outage_page(server, READS_DATABASE, cookies=member_cookies)
        # A page stored before the outage is still served from the shared cache.
        assert server.get("/")[1]["X-Cache"] == "HIT"

        forwarder.start()
        headers = assert_served(server, READS_DATABASE)
        assert headers["X-Cache"] == "MISS"
        assert_served(server, READS_DATABASE, cookies=member_cookies)

        # A connection the database dropped between two requests is replaced
        # before the next one uses it: no reader sees the restart.
        forwarder.stop()
        forwarder.start()
        assert_served(server, READS_DATABASE, cookies=member_cookies)
    finally:
        server.stop()
        forwarder.stop()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="copies the SQLite test database into a file",
)
def test_a_sqlite_file_that_goes_away_gives_503s_and_coming_back_serves_again(
    member_cookies, tmp_path
):
    site_with_settings()
    disk = tmp_path / "disk"
    disk.mkdir()
    path = disk / "theke.sqlite3"
    copy = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    database = {**connection.settings_dict, "NAME": str(path)}
    # Opened afresh for every request, as the embedded default does.
    assert database["CONN_MAX_AGE"] == 0
    server = SiteServer(database)
    try:
        store_front_page(server)

        # The disk that holds the database is gone.
        disk.rename(tmp_path / "away")
        assert_outage_page(server, READS_DATABASE)
        assert_outage_page(server, READS_DATABASE, cookies=member_cookies)
        assert server.get("/")[1]["X-Cache"] == "HIT"

        (tmp_path / "away").rename(disk)
        assert assert_served(server, READS_DATABASE)["X-Cache"] == "MISS"
        assert_served(server, READS_DATABASE, cookies=member_cookies)
    finally:
        server.stop()
