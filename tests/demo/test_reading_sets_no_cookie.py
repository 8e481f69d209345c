"""Reading needs no cookie: every public page of the demo, reached the way a
reader reaches it (by following links from the home page), answers an
anonymous reader without Set-Cookie. The comment form, and with it the CSRF
cookie, comes only once the reader chooses to write."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from community.models import Comment

pytestmark = pytest.mark.django_db

# Where a reader goes to write, log in or act: these may set a cookie, since
# the reader asked for it.
WRITING_PATHS = ("/account/", "/admin/", "/comments/", "/questions/", "/i18n/")
WRITING_PARAMETERS = ("write=", "reply_to=")
# Enough to reach every page of the demo; the crawl stops there.
MOST_PAGES = 600


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_on(url, html):
    parser = Links()
    parser.feed(html)
    for href in parser.hrefs:
        absolute, _fragment = urldefrag(urljoin(url, href))
        parts = urlsplit(absolute)
        if parts.netloc not in ("", "localhost:8000", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(WRITING_PATHS) or any(
            parameter in parts.query for parameter in WRITING_PARAMETERS
        ):
            continue
        if "/new/" in parts.path:  # a new topic: the reader chose to write
            continue
        yield path


def crawl(client):
    """Every page a reader reaches from the home page, with its response."""
    seen = {"/"}
    queue = deque(["/"])
    while queue and len(seen) < MOST_PAGES:
        path = queue.popleft()
        response = client.get(path, HTTP_HOST="localhost:8000")
        yield path, response
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            for link in links_on(path, response.content.decode()):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)


@pytest.mark.usefixtures("demo")
class TestReadingSetsNoCookie:
    def test_no_public_page_sets_a_cookie_for_a_reader(self):
        pages = list(crawl(Client()))
        with_cookies = [
            (path, sorted(response.cookies))
            for path, response in pages
            if response.cookies
        ]
        assert with_cookies == []
        # The crawl read the whole shop: posts, producers, products, topics.
        paths = [path for path, _response in pages]
        for part in ("/blog/", "/producers/", "/products/", "/community/"):
            assert sum(path.startswith(part) for path in paths) > 3, part
        assert len(paths) > 60

    def test_a_reader_gets_no_form_but_the_way_to_write(self):
        post = Comment.objects.filter(is_public=True).first().content_object
        response = Client().get(post.url, HTTP_HOST="localhost:8000")
        html = response.content.decode()
        assert 'name="csrfmiddlewaretoken"' not in html
        assert "data-write-comment" in html
        assert "?write=1#comment-form" in html

    def test_choosing_to_write_opens_the_form_and_lets_a_guest_send(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        post = Comment.objects.filter(is_public=True).first().content_object
        client = Client(enforce_csrf_checks=True)
        response = client.get(f"{post.url}?write=1", HTTP_HOST="localhost:8000")
        assert "csrftoken" in response.cookies
        form = response.content.decode().split('id="comment-form"', 1)[1]
        hidden = dict(
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
        )
        data = {
            **hidden,
            "name": "Lena Gast",
            "email": "lena@example.org",
            "comment": "Gibt es den Käse auch am Samstag?",
        }
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post("/comments/post/", data, HTTP_HOST="localhost:8000")
        assert sent.status_code in (200, 302)
        # A guest's comment waits for the link in a confirmation mail.
        assert len(mailoutbox) == 1

    def test_a_member_has_the_form_at_once(self, django_user_model):
        post = Comment.objects.filter(is_public=True).first().content_object
        member = django_user_model.objects.filter(is_staff=False).first()
        client = Client()
        client.force_login(member)
        html = client.get(post.url, HTTP_HOST="localhost:8000").content.decode()
        assert 'name="csrfmiddlewaretoken"' in html
        assert "data-write-comment" not in html
