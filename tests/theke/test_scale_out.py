"""Scale-out on standard parts, run together: two app processes under
gunicorn, each an OS process of its own on a port of its own, share one
PostgreSQL database made for this module and one Redis database, as app
nodes behind a load balancer do. What one process writes, the other shows at
once; the rate limit counts across both; mail waits in the database queue
until `manage.py db_worker` sends it, once. The parts run the production
settings (`tests/cluster_settings.py`) and know of each other only through
the database and the cache (`tests/factories/cluster.py`)."""

import re
import time
from dataclasses import dataclass

import pytest
from django.db import connection

from community.writing.rules import parse_rate
from tests.factories import (
    POST_URL,
    AppServer,
    Cluster,
    MailServer,
    Visitor,
    forget_cache,
    fresh_database,
    redis_answers,
)

REDIS_URL = "redis://127.0.0.1:6379/10"
RATE_REFUSAL = "Sie schreiben sehr schnell hintereinander."

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL, which app processes on several machines "
        "share (this run is on SQLite, which serves one machine)",
    ),
    pytest.mark.skipif(
        not redis_answers(REDIS_URL),
        reason=f"no Redis answers at {REDIS_URL} to share the cache",
    ),
]


@dataclass
class Shop:
    cluster: Cluster
    a: AppServer
    b: AppServer
    made: dict

    def post(self, key):
        return self.made["posts"][key]

    def member(self, key, address):
        return Visitor(address=address, session=self.made["sessions"][key])

    def comment(self, key, text, reply_to=0):
        """What the comment form under post `key` sends."""
        return {
            **self.post(key)["form"],
            "comment": text,
            "reply_to": reply_to,
            "name": "",
            "email": "",
            self.made["honeypot"]: "",
        }


@pytest.fixture(scope="module")
def mail_server():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shop(mail_server, tmp_path_factory):
    with fresh_database(connection.settings_dict) as database_url:
        cluster = Cluster(
            database_url,
            REDIS_URL,
            mail_server.port,
            tmp_path_factory.mktemp("scale-out"),
        )
        try:
            made = cluster.build()
            a, b = cluster.start("a", "b")
            yield Shop(cluster, a, b, made)
        finally:
            cluster.stop()
            forget_cache(REDIS_URL, cluster.cache_prefix)


def served(visitor, server, path, cache):
    """The page at `path` from `server`, after checking it came from the
    shared cache ("HIT") or was rendered ("MISS")."""
    answer = visitor.get(server, path)
    assert answer.status == 200, answer.text[:500]
    assert answer.headers["X-Cache"] == cache, (server, path)
    return answer.text


def stored(visitor, server, path):
    """The page at `path` once `server` has stored it in the shared cache.
    A page rendered within PAGE_CACHE_CLOCK_MARGIN (half a second) of a purge
    of something it shows is not stored, so right after a comment elsewhere it
    may take another read."""
    deadline = time.monotonic() + 5
    while True:
        answer = visitor.get(server, path)
        assert answer.status == 200, answer.text[:500]
        if answer.headers["X-Cache"] == "HIT":
            return answer.text
        assert time.monotonic() < deadline, f"{server} never stored {path}"
        time.sleep(0.2)


def test_a_comment_posted_on_one_process_is_shown_by_the_other_at_once(shop):
    path = shop.post("bread")["path"]
    reader = Visitor(address="198.51.100.10")
    stored(reader, shop.a, path)
    # What A rendered and stored, B serves from the shared cache, and then
    # from its own copy while nothing is purged.
    before = served(reader, shop.b, path, "HIT")
    served(reader, shop.b, path, "HIT")
    text = "Mit Roggen vom Nachbarn gebacken, noch warm am Samstag."
    assert text not in before

    jana = shop.member("jana", "198.51.100.11")
    answer = jana.post(shop.a, POST_URL, shop.comment("bread", text), as_json=True)
    assert answer.status == 200, answer.text[:500]

    assert text in served(reader, shop.b, path, "MISS")
    assert text in reader.get(shop.a, path).text


def test_the_comment_rate_limit_counts_across_both_processes(shop):
    limit, period = parse_rate(shop.made["rate_limit"])
    # The limit counts in fixed windows of time: all of this happens in one.
    left = period - time.time() % period
    if left < 10:
        time.sleep(left + 0.5)
    rita = shop.member("rita", "198.51.100.20")
    servers = (shop.a, shop.b)

    for number in range(limit):
        text = f"Frage {number} zum Bärlauch"
        answer = rita.post(
            servers[number % 2], POST_URL, shop.comment("herbs", text), as_json=True
        )
        assert answer.status == 200, (number, answer.text[:500])
    for server in servers:
        text = f"Noch eine Frage an {server.name}"
        refused = rita.post(server, POST_URL, shop.comment("herbs", text))
        assert refused.status == 400, refused.text[:500]
        assert RATE_REFUSAL in refused.text
        # The form comes back with the text, to send again later.
        assert text in refused.text

    page = Visitor(address="198.51.100.21").get(shop.b, shop.post("herbs")["path"])
    shown = re.findall(r"Frage \d zum Bärlauch", page.text)
    assert sorted(set(shown)) == [f"Frage {n} zum Bärlauch" for n in range(limit)]
    assert "Noch eine Frage" not in page.text


def test_a_page_published_through_one_process_is_fresh_on_the_other(shop):
    cellar = shop.post("cellar")
    reader = Visitor(address="198.51.100.30")
    for path in (cellar["path"], shop.made["blog"]):
        stored(reader, shop.a, path)
        assert "Der Käsekeller im Winter" in served(reader, shop.b, path, "HIT")

    # The editor publishes the revision she saved earlier, in the admin on A:
    # Wagtail's bulk action publishes each page's latest revision.
    eva = shop.member("eva", "198.51.100.31")
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={cellar['id']}&next=/admin/"
    assert eva.get(shop.a, publish).status == 200
    answer = eva.post(shop.a, publish, {})
    assert answer.status == 302, answer.text[:500]
    assert answer.headers["Location"] == "/admin/"

    for path in (cellar["path"], shop.made["blog"]):
        page = served(reader, shop.b, path, "MISS")
        assert "Der Käsekeller im Frühling" in page
        assert "Der Käsekeller im Winter" not in page


def test_a_reply_queued_by_one_process_is_mailed_once_by_the_worker(shop, mail_server):
    ole = shop.made["emails"]["ole"]
    text = "Zwölf Wochen im Keller, sagt die Käserin."
    mia = shop.member("mia", "198.51.100.40")
    data = shop.comment("cheese", text, reply_to=shop.made["follower_comment"])

    answer = mia.post(shop.a, POST_URL, data, as_json=True)

    assert answer.status == 200, answer.text[:500]
    # Waiting in the queue, not sent by the process that took the reply.
    assert shop.cluster.queued_mail() == [(ole, "READY")]
    assert mail_server.messages == []

    shop.cluster.run_worker()

    assert shop.cluster.queued_mail() == [(ole, "SUCCESSFUL")]
    [message] = mail_server.messages
    assert message["To"] == ole
    assert text in message.get_body(("plain",)).get_content()

    # Another worker run finds nothing left to send.
    shop.cluster.run_worker()
    assert len(mail_server.messages) == 1
