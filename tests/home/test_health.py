"""The load balancer's health check, with the production settings (as the
scale-out tests run them, static files from the finders): answered
over plain HTTP and for any host, 200 while the node reaches its database and
the outage page's 503 while it does not, with no cookie and for no cache."""

import json
import os
import subprocess
import sys

import pytest

from tests.theke.test_settings import PROJECT

# A probe as balancers send it: plain HTTP, no X-Forwarded-Proto, the node's
# own address as the host.
PROBE = """
import json, sys
import django
django.setup()
from django.test import Client
answers = []
for path, host in json.loads(sys.argv[1]):
    response = Client().get(path, HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="en")
    answers.append({
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": sorted(response.cookies),
        "body": response.content.decode(),
    })
print(json.dumps(answers))
"""
NODE = "10.0.0.7:8000"
SITE = "shop.example.org"


def probe(requests, database_url):
    """The production settings' answers to `requests` (path, host)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "SECURE_", "REDIS_", "TRUSTED_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.cluster_settings",
        SECRET_KEY="h" * 50,
        ALLOWED_HOSTS=SITE,
        DATABASE_URL=database_url,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE, json.dumps(requests)],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture
def database(tmp_path):
    """A database the node reaches: an SQLite file of its own."""
    return f"sqlite:///{tmp_path / 'health.sqlite3'}"


def test_the_health_check_answers_a_probe_over_http_to_the_nodes_address(database):
    (answer,) = probe([("/health/", NODE)], database)

    assert answer["status"] == 200
    assert answer["body"] == "ok\n"
    assert answer["cookies"] == []
    assert "Set-Cookie" not in answer["headers"]
    assert "no-store" in answer["headers"]["Cache-Control"]


def test_only_the_health_check_is_spared_the_redirect_and_the_host_check(database):
    node_page, site_page, site_check = probe(
        [("/robots.txt", NODE), ("/robots.txt", SITE), ("/health/", SITE)], database
    )

    assert node_page["status"] == 400
    assert site_page["status"] == 301
    assert site_page["headers"]["Location"] == f"https://{SITE}/robots.txt"
    assert site_check["status"] == 200


def test_the_health_check_answers_503_while_the_database_is_away():
    # Nothing listens on port 1: every connection is refused at once.
    (answer,) = probe(
        [("/health/", NODE)], "postgres://theke@127.0.0.1:1/theke?connect_timeout=2"
    )

    assert answer["status"] == 503
    assert answer["headers"]["Retry-After"] == "30"
    assert "no-store" in answer["headers"]["Cache-Control"]
    assert "We are back in a moment" in answer["body"]
    assert answer["cookies"] == []


@pytest.mark.django_db
def test_the_health_check_asks_the_database_one_query(
    client, django_assert_num_queries
):
    """One query per probe, whatever the site holds: balancers probe every
    node every few seconds."""
    with django_assert_num_queries(1):
        response = client.get("/health/", HTTP_HOST=NODE)

    assert response.status_code == 200
    assert response.content == b"ok\n"
