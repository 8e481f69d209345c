"""Every GET parameter the site reads, and the parts of its addresses that name
something, take the hostile corpus (`tests.factories.fuzz`) without a server
error, a redirect off the site or active content in the answer; the search box
shows the query that was searched.

Which parameters there are comes from the code: `parameters_read()` finds
every `request.GET` read in our apps, and every form bound to `request.GET`,
and `test_every_parameter_read_is_fuzzed` fails until PARAMETERS below says
where a new one is read.

The search's `q` gets the whole corpus; every other parameter and path gets
two inputs of each class, which reach every check a class can hit there
(ids, slugs, choices) in a few thousand requests instead of tens of thousands.
"""

import pytest
from django.conf import settings
from django.test import Client

from home.search import clean_query
from tests.factories import (
    ANONYMOUS,
    MODERATOR,
    OWNER,
    Hostile,
    active_content,
    corpus,
    leaves_site,
    oversize,
    parameters_read,
    sample,
    shown_values,
    walked_world,
    walkers,
)

pytestmark = pytest.mark.django_db

PER_CLASS = 2

POST_PAGE = (ANONYMOUS, "world:post.url")
# Where each parameter is read: (who reads, address with "world:" names).
PARAMETERS = {
    "q": [
        (ANONYMOUS, "/search/"),
        (ANONYMOUS, "world:catalogue.url"),
        (ANONYMOUS, "/questions/similar/?product=world:cheese.pk"),
        (MODERATOR, "/admin/moderation/"),
    ],
    "page": [
        (ANONYMOUS, "/search/?q=Käse"),
        (ANONYMOUS, "world:blog.url"),
        (ANONYMOUS, "world:board.url"),
        (ANONYMOUS, "world:catalogue.url"),
    ],
    "category": [
        (ANONYMOUS, "world:blog.url"),
        (ANONYMOUS, "world:board.url"),
        (ANONYMOUS, "world:catalogue.url"),
    ],
    "tag": [(ANONYMOUS, "world:blog.url")],
    "author": [(ANONYMOUS, "world:blog.url")],
    "hidden": [(OWNER, "world:blog.url")],
    "producer": [(ANONYMOUS, "world:catalogue.url")],
    "availability": [(ANONYMOUS, "world:catalogue.url")],
    "questions": [(ANONYMOUS, "world:cheese_url")],
    "order": [POST_PAGE],
    "cpage": [POST_PAGE],
    "tpage": [POST_PAGE],
    "thread": [POST_PAGE],
    "write": [POST_PAGE],
    "reply_to": [POST_PAGE, (OWNER, "world:post.url")],
    "channel": [(ANONYMOUS, "/feedback/"), (MODERATOR, "/admin/feedback/")],
    "product": [(ANONYMOUS, "/questions/similar/?q=Käse")],
    "done": [(OWNER, "/comments/report/comment/world:others_comment.pk/")],
    "next": [
        (ANONYMOUS, "/account/login/"),
        (ANONYMOUS, "/account/signup/"),
        (ANONYMOUS, "/_util/login/"),
        (OWNER, "/account/logout/"),
    ],
    "place": [(MODERATOR, "/admin/feedback/")],
    "weeks": [(MODERATOR, "/admin/feedback/")],
    "export": [(MODERATOR, "/admin/feedback/")],
}
# Parameters read under a name the code computes: where, and which names.
COMPUTED_NAMES = {
    "community.discussions.reading.view_of": ("cpage", "thread", "tpage"),
}
# Parts of addresses that name something, with the hostile value in place of {}.
PATHS = [
    (ANONYMOUS, "/blog/{}/"),
    (ANONYMOUS, "/blog/category/{}/"),
    (ANONYMOUS, "/blog/author/{}/"),
    (ANONYMOUS, "/products/{}/"),
    (ANONYMOUS, "/producers/{}/"),
    (ANONYMOUS, "/community/{}/"),
    (ANONYMOUS, "/community/category/{}/"),
    (ANONYMOUS, "/community/questions/{}/"),
    (ANONYMOUS, "/comments/confirm/{}/"),
    (ANONYMOUS, "/comments/unsubscribe/{}/"),
    (ANONYMOUS, "/comments/reply/{}/"),
    (ANONYMOUS, "/comments/cr/{}/1/"),
    (ANONYMOUS, "/sitemap-{}.xml"),
    (ANONYMOUS, "/media/{}"),
    (ANONYMOUS, "/documents/1/{}"),
    (OWNER, "/comments/{}/edit/"),
    (OWNER, "/comments/report/comment/{}/"),
    (OWNER, "/account/feed/{}/rss/"),
    (OWNER, "/account/password/reset/key/1-{}/"),
    (OWNER, "/account/confirm-email/{}/"),
]


def resolve(text, world):
    """`text` with every "world:name.attribute" replaced from `world`."""
    for name in sorted(world, key=len, reverse=True):
        for attribute in ("url", "pk", "slug"):
            text = text.replace(
                f"world:{name}.{attribute}", str(getattr(world[name], attribute, ""))
            )
        text = text.replace(f"world:{name}", str(world[name]))
    return text


@pytest.fixture
def people():
    return walkers()


@pytest.fixture
def world(people):
    world = walked_world(people)
    world["cheese_url"] = world["cheese"].get_absolute_url()
    world["blog"] = world["post"].get_parent()
    return world


class Reader:
    """One role's browser; any exception of a view is raised in the test."""

    def __init__(self, user):
        self.user = user
        self.client = Client()

    def get(self, url):
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self.client.force_login(self.user)
        return self.client.get(url)


def problems(response, url):
    """What is wrong with one answer to a hostile address."""
    wrong = []
    if response.status_code >= 500:
        wrong.append(f"answered {response.status_code}")
    location = response.get("Location", "")
    if location and leaves_site(location):
        wrong.append(f"sent to {location!r}")
    if not response.streaming and "html" in response.get("Content-Type", ""):
        html = response.content.decode(errors="replace")
        admin = url.startswith("/admin/")
        wrong.extend(f"shows {found}" for found in active_content(html, admin=admin))
    return wrong


def with_parameter(address, name, hostile):
    joiner = "&" if "?" in address else "?"
    return f"{address}{joiner}{name}={hostile.encoded()}"


def test_every_parameter_read_is_fuzzed():
    read = parameters_read("GET")
    named = {name for name, __ in read if name is not None}
    computed = {where for name, where in read if name is None}

    assert sorted(named - set(PARAMETERS)) == [], "say where these are read"
    assert sorted(computed - set(COMPUTED_NAMES)) == [], "name what these read"
    for names in COMPUTED_NAMES.values():
        assert set(names) <= set(PARAMETERS)


def test_every_parameter_takes_the_corpus(world, people):
    readers = {role: Reader(user) for role, user in people.items()}
    every = corpus()
    wrong = []
    for name, places in PARAMETERS.items():
        for role, address in places:
            url = resolve(address, world)
            main = (name, address) == ("q", "/search/")
            inputs = every if main else sample(every, PER_CLASS)
            for hostile in [*inputs, *oversize(settings.PAGE_CACHE_MAX_QUERY)[:1]]:
                full = with_parameter(url, name, hostile)
                response = readers[role].get(full)
                found = problems(response, url)
                if main and response.status_code == 200:
                    shown = shown_values(response.content.decode()).get("q", [""])
                    sent = response.wsgi_request.GET.get("q", "")
                    if clean_query(sent) not in shown:
                        found.append(f"the search box shows {shown[0][:40]!r}")
                wrong.extend(
                    f"{name} on {url} as {role}, {hostile.kind}:"
                    f"{str(hostile.value)[:40]!r}: {line}"
                    for line in found
                )
    assert wrong == [], f"{len(wrong)} problems:\n" + "\n".join(wrong[:200])


def test_every_named_address_takes_the_corpus(world, people):
    readers = {role: Reader(user) for role, user in people.items()}
    inputs = [
        hostile for hostile in sample(corpus(), PER_CLASS) if hostile.kind != "empty"
    ]
    inputs.append(Hostile("oversize", "k" * 3000))
    wrong = []
    for role, pattern in PATHS:
        for hostile in inputs:
            url = pattern.format(hostile.encoded())
            response = readers[role].get(url)
            wrong.extend(
                f"{pattern} as {role}, {hostile.kind}:{str(hostile.value)[:40]!r}: "
                f"{line}"
                for line in problems(response, url)
            )
    assert wrong == [], f"{len(wrong)} problems:\n" + "\n".join(wrong[:200])
