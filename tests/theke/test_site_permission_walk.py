"""Every address of the public site, walked as an anonymous reader, a member
(the owner of what the addresses name), another member, a moderator and an
editor: who gets what, for GET and for POST.

The addresses come from Django's URL patterns and from the pages in the tree
with their routes, not from a list: a new URL pattern, page type or route
fails `test_every_address_of_the_site_has_an_expectation` until it is
classified in SITE below.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from community.discussions.notifications import make_token
from community.models import (
    Comment,
    Dismissal,
    MemberInterest,
    PersonalFeed,
    ProductQuestion,
    Profile,
    Topic,
)
from tests.factories import (
    ANONYMOUS,
    EDITOR,
    MODERATOR,
    OTHER,
    OWNER,
    ROLES,
    Walker,
    fill_route,
    response_text,
    url_routes,
    walk_outcome,
    walked_world,
    walkers,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    """What each role gets from one address: `get` and `post` list the outcomes
    (see `walk_outcome`) for anonymous, owner, other, moderator and editor; `values`
    fills the address from the world, `data` is what a POST sends; a POST
    that changes what other addresses are filled with comes `last`."""

    get: str
    post: str
    values: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    last: bool = False

    def expected(self, method):
        return dict(zip(ROLES, getattr(self, method).split(), strict=True))


# Outcomes, in the order anonymous, owner, other member, moderator, editor:
# 200 etc. a status; "login" sent to log in; "moved" sent elsewhere.
# Values and data name objects of the world (`walked_world`) as "world:name",
# or attributes of them as "world:name.attribute".
PUBLIC = Case("200 200 200 200 200", "405 405 405 405 405")
# Wagtail serves a page, its routes and its documents for a POST as for a GET.
PAGE = Case("200 200 200 200 200", "200 200 200 200 200")
POST_ONLY = "405 405 405 405 405"
SITE = {
    # --- reading: the same for everyone ----------------------------------------
    "search/": PUBLIC,
    "impressum/": PUBLIC,
    "privacy/": PUBLIC,
    "sitemap.xml": PUBLIC,
    "sitemap-<slug:section>.xml": Case(PUBLIC.get, PUBLIC.post, {"section": "pages"}),
    "robots.txt": PUBLIC,
    "favicon.ico": Case("moved moved moved moved moved", POST_ONLY),
    "feedback/": PUBLIC,
    "questions/similar/": PUBLIC,
    # Uploads are answered by the media middleware; what is left is no page.
    "^media/(?P<path>.*)$": Case(
        "404 404 404 404 404", "404 404 404 404 404", {"path": "gibt-es-nicht.png"}
    ),
    "i18n/setlang/": Case("moved moved moved moved moved", "moved " * 5),
    # --- the member's own pages: log in first, then each sees only their own ---
    "account/profile/": Case("login 200 200 200 200", "login 200 200 200 200"),
    "account/profile/unfollow/": Case(
        "login 405 405 405 405", "login moved moved moved moved"
    ),
    "account/interests/": Case("login 200 200 200 200", "login 400 400 400 400"),
    "account/interests/categories/": Case(
        "login 405 405 405 405", "login 400 400 400 400"
    ),
    # Makes a new secret address for the member who asks, never another's.
    "account/interests/feed/": Case(
        "login 405 405 405 405", "login moved moved moved moved", last=True
    ),
    "account/data/": Case("login 200 200 200 200", "login 200 200 200 200"),
    "account/data/export.json": Case("login 200 200 200 200", "login 200 200 200 200"),
    # Without the password nothing is deleted: the form again.
    "account/delete/": Case("login 200 200 200 200", "login 200 200 200 200"),
    "account/email/": Case("login 200 200 200 200", "login moved moved moved moved"),
    "account/password/change/": Case("login 200 200 200 200", "login 200 200 200 200"),
    # Members have a password: setting one sends them to changing it.
    "account/password/set/": Case(
        "login moved moved moved moved", "login moved moved moved moved"
    ),
    "account/reauthenticate/": Case("login 200 200 200 200", "login 200 200 200 200"),
    # The secret address of the owner's feed is a key: whoever holds it reads
    # it (it is never shown to anyone else, see the test of secrets below); a
    # made-up one is nobody's.
    "account/^feed/(?P<token>[A-Za-z0-9_-]{20,64})/(?P<kind>rss|atom)/$": {
        "owner's": Case(
            PAGE.get, PAGE.post, {"token": "world:feed.token", "kind": "rss"}
        ),
        "made up": Case(
            "404 404 404 404 404",
            "404 404 404 404 404",
            {"token": "A" * 43, "kind": "atom"},
        ),
    },
    # --- allauth's pages for logging in, signing up and resetting -------------
    "account/login/": Case(
        "200 moved moved moved moved", "200 moved moved moved moved"
    ),
    "account/signup/": Case(
        "200 moved moved moved moved", "200 moved moved moved moved"
    ),
    "account/logout/": Case("moved 200 200 200 200", "moved " * 5),
    "account/inactive/": PUBLIC,
    "account/confirm-email/": PUBLIC,
    "account/^confirm-email/(?P<key>[-:\\w]+)/$": Case(
        "200 200 200 200 200", "404 404 404 404 404", {"key": "falsch"}
    ),
    "account/password/reset/": Case("200 200 200 200 200", "200 200 200 200 200"),
    "account/password/reset/done/": PUBLIC,
    "account/password/reset/key/done/": PUBLIC,
    "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": Case(
        "200 200 200 200 200", "200 200 200 200 200", {"uidb36": "1", "key": "x"}
    ),
    "account/login/code/confirm/": Case(
        "login " + "moved " * 4, "login " + "moved " * 4
    ),
    # --- comments: only the author edits and deletes, and nobody reacts to
    # their own; moderators and editors act in the admin, not here -------------
    "comments/post/": Case(POST_ONLY, "400 400 400 400 400"),
    "comments/confirm/<str:key>/": Case(
        "400 400 400 400 400", "400 400 400 400 400", {"key": "falsch"}
    ),
    "comments/reply/<id:cid>/": Case(
        "moved " * 5, "moved " * 5, {"cid": "world:comment.pk"}
    ),
    "comments/cr/<id:content_type_id>/<str:object_pk>/": Case(
        "moved " * 5,
        "moved " * 5,
        {"content_type_id": "world:post_type", "object_pk": "world:post.pk"},
    ),
    "comments/<id:pk>/edit/": Case(
        "login 200 403 403 403",
        "login moved 403 403 403",
        {"pk": "world:edited.pk"},
        {"comment": "Von jemand anderem umgeschrieben"},
    ),
    "comments/<id:pk>/delete/": Case(
        "login 200 403 403 403", "login moved 403 403 403", {"pk": "world:doomed.pk"}
    ),
    "comments/<id:pk>/react/": Case(
        POST_ONLY,
        "login 403 moved moved moved",
        {"pk": "world:comment.pk"},
        {"kind": "helpful"},
    ),
    "comments/report/<str:kind>/<id:pk>/": Case(
        "login 403 200 200 200",
        "login 403 moved moved moved",
        {"kind": "comment", "pk": "world:reported.pk"},
        {"reason": "rude"},
    ),
    # The link in a discussion mail: whoever holds it may unsubscribe that
    # address, in one click (RFC 8058), logged in or not.
    "comments/unsubscribe/<str:token>/": Case(
        "200 200 200 200 200", "200 200 200 200 200", {"token": "world:unsubscribe"}
    ),
    # --- product questions: the shop answers, the asker and the shop accept ----
    "questions/ask/<id:product_pk>/": Case(
        POST_ONLY, "login 400 400 400 400", {"product_pk": "world:cheese.pk"}
    ),
    "questions/<id:pk>/answer/": Case(
        POST_ONLY,
        "login 403 403 moved moved",
        {"pk": "world:question.pk"},
        {"text": "Ja, das ist er."},
    ),
    "questions/<id:pk>/accept/": Case(
        POST_ONLY,
        "login moved 403 moved moved",
        {"pk": "world:question.pk"},
        {"answer": "world:answer.pk"},
    ),
    "announcements/<id:pk>/dismiss/": Case(
        "login 405 405 405 405",
        "login moved moved moved moved",
        {"pk": "world:announcement.pk"},
    ),
    # Faces come only from the site's own pages (checked in place of CSRF).
    "feedback/send/": Case(POST_ONLY, "403 403 403 403 403"),
    "feedback/comment/": Case(POST_ONLY, "403 403 403 403 403"),
    # --- Wagtail's and the documents' own addresses ---------------------------
    "_util/login/": Case("200 200 200 200 200", "200 200 200 200 200"),
    # Wagtail's form for a page's password, whatever the restriction: it asks
    # for the password and lets nobody through without it.
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        Case(
            "200 200 200 200 200",
            "200 200 200 200 200",
            {
                "page_view_restriction_id": "world:restriction.pk",
                "page_id": "world:private.pk",
            },
        )
    ),
    "documents/authenticate_with_password/<int:restriction_id>/": Case(
        "404 404 404 404 404", "404 404 404 404 404", {"restriction_id": 1}
    ),
    "documents/^(\\d+)/(.*)$": Case(PAGE.get, PAGE.post, {"url": "world:document.url"}),
    # --- pages, by type and state, and their routes ----------------------------
    "HomePage": PAGE,
    "BlogIndexPage": PAGE,
    "BlogIndexPage:category/<slug:slug>/": Case(
        PAGE.get, PAGE.post, {"slug": "world:blog_category.slug"}
    ),
    "BlogIndexPage:tag/<slug:slug>/": Case(
        "404 404 404 404 404", "404 404 404 404 404", {"slug": "gibt-es-nicht"}
    ),
    "BlogIndexPage:author/<slug:slug>/": Case(
        PAGE.get, PAGE.post, {"slug": "world:author.slug"}
    ),
    "BlogIndexPage:^(?P<kind>feed|atom)/$": Case(PAGE.get, PAGE.post, {"kind": "feed"}),
    "BlogIndexPage:^category/(?P<slug>[-\\w]+)/(?P<kind>feed|atom)/$": Case(
        PAGE.get, PAGE.post, {"slug": "world:blog_category.slug", "kind": "atom"}
    ),
    "BlogPage": Case(PAGE.get, PAGE.post),
    # Drafts are read in the admin's preview, never on the site.
    "BlogPage(draft)": Case("404 404 404 404 404", "404 404 404 404 404"),
    "BlogPage(private)": Case("login 200 200 200 200", "login 200 200 200 200"),
    "ProducersIndexPage": PAGE,
    "ProducerPage": Case(PAGE.get, PAGE.post),
    "ProductIndexPage": PAGE,
    "ProductIndexPage:<slug:slug>/": Case(
        PAGE.get, PAGE.post, {"slug": "world:cheese.slug"}
    ),
    "CommunityIndexPage": PAGE,
    "CommunityIndexPage:new/": Case("login 200 200 200 200", "login 200 200 200 200"),
    "CommunityIndexPage:category/<slug:slug>/": Case(
        PAGE.get, PAGE.post, {"slug": "world:board_category.slug"}
    ),
    # A held topic or question is shown to its author only; the team reads it
    # in the admin's moderation queue.
    "CommunityIndexPage:<slug:slug>/": {
        "published": Case(PAGE.get, PAGE.post, {"slug": "world:topic.slug"}),
        "held": Case(
            "404 200 404 404 404",
            "404 200 404 404 404",
            {"slug": "world:held_topic.slug"},
        ),
    },
    "CommunityIndexPage:questions/<id:pk>/": {
        "published": Case(PAGE.get, PAGE.post, {"pk": "world:question.pk"}),
        "held": Case(
            "404 200 404 404 404",
            "404 200 404 404 404",
            {"pk": "world:held_question.pk"},
        ),
    },
    # The one who started a topic and the shop's team mark it answered.
    "CommunityIndexPage:<slug:slug>/status/": Case(
        POST_ONLY,
        "login moved 403 moved moved",
        {"slug": "world:topic.slug"},
        {"status": "answered"},
    ),
}

EXPORT = "/account/data/export.json"
# Wagtail serves every page through this pattern: the walk takes the pages of
# the tree one by one instead, with the routes of routable ones.
SERVE = "^((?:[\\w\\-]+/)*)$"


def page_key(page) -> str:
    """A page's entry in SITE: its type, and its state unless live and public."""
    name = type(page).__name__
    if not page.live:
        return f"{name}(draft)"
    if page.get_view_restrictions().exists():
        return f"{name}(private)"
    return name


def addresses():
    """(key in SITE, what the key's route is filled into) for every address."""
    found = [
        (route, "/")
        for route in url_routes()
        if not route.startswith("admin/") and route != SERVE
    ]
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        found.append((page_key(page), page.url))
        if isinstance(page, RoutablePageMixin):
            found.extend(
                (f"{type(page).__name__}:{sub}", page.url)
                for sub in url_routes(page.get_resolver().url_patterns)
                if sub
            )
    return found


def resolve(value, world):
    """A value of SITE, with "world:name.attribute" looked up in `world`."""
    if not (isinstance(value, str) and value.startswith("world:")):
        return value
    name, __, attribute = value.removeprefix("world:").partition(".")
    return getattr(world[name], attribute) if attribute else world[name]


def cases(world):
    """(description, url, case) for every address and each of its fillings."""
    for key, base in addresses():
        entry = SITE[key]
        for label, case in entry.items() if isinstance(entry, dict) else [("", entry)]:
            values = {name: resolve(v, world) for name, v in case.values.items()}
            if "url" in values:
                url = values["url"]
            elif key[0].isupper() and ":" in key:
                url = base.rstrip("/") + fill_route(key.split(":", 1)[1], values)
            elif key[0].isupper():
                url = base
            else:
                url = fill_route(key, values)
            data = {name: resolve(v, world) for name, v in case.data.items()}
            yield f"{key} {label}".strip(), url, case, data


@pytest.fixture
def people():
    return walkers()


@pytest.fixture
def world(people):
    world = walked_world(people)
    world["post_type"] = ContentType.objects.get_for_model(world["post"]).pk
    world["unsubscribe"] = make_token(world["post"], user_pk=people[OWNER].pk)
    world["restriction"] = PageViewRestriction.objects.get(page=world["private"])
    return world


def secrets(world, people):
    """What nobody but the owner may read on the site: their address, the
    secret address of their feed, and their posts that wait for a moderator
    (the team reads those in the admin)."""
    return [
        people[OWNER].email,
        world["feed"].token,
        world["held_comment"].comment,
        world["held_topic"].title,
        world["held_question"].text,
    ]


def owners_rows(owner):
    """Everything of the owner's that a refused request must leave as it is."""
    rows = [
        list(type(owner).objects.filter(pk=owner.pk).values()),
    ]
    for model, lookup in [
        (Profile, "user"),
        (Comment, "user"),
        (Topic, "author"),
        (ProductQuestion, "author"),
        (PersonalFeed, "user"),
        (MemberInterest, "user"),
        (Dismissal, "user"),
    ]:
        rows.append(
            serializers.serialize("json", model.objects.filter(**{lookup: owner}))
        )
    for row in rows[0]:
        row.pop("last_login")
    return rows


def not_allowed_page(response, where) -> list[str]:
    """What is wrong with a 405: it must be the site's page, with the way back
    and the `Allow` header, never an empty answer."""
    if response.status_code != 405:
        return []
    text = response_text(response)
    return [
        f"{where}: {problem}"
        for problem, found in (
            ("no Allow header", "Allow" in response),
            ("not the site's page", 'class="error-page__code"' in text),
            ("no way back", 'href="/"' in text),
        )
        if not found
    ]


def test_every_address_of_the_site_has_an_expectation(world):
    walked = {key for key, __ in addresses()}

    assert sorted(walked - set(SITE)) == [], "classify these addresses in SITE"
    assert sorted(set(SITE) - walked) == [], "these addresses are gone from the site"


def test_who_gets_what_on_the_site(world, people):
    walkers_by_role = {role: Walker(people[role]) for role in ROLES}
    hidden = secrets(world, people)
    walk = list(cases(world))
    wrong = []

    for description, url, case, __ in walk:
        for role, expected in case.expected("get").items():
            response = walkers_by_role[role].request("get", url)
            got = walk_outcome(response)
            if got != expected:
                wrong.append(
                    f"GET {description} ({url}) as {role}: {got}, not {expected}"
                )
            wrong.extend(not_allowed_page(response, f"GET {description} ({url})"))
            if role == OWNER:
                continue
            text = response_text(response)
            wrong.extend(
                f"GET {description} ({url}) shows {role} {secret!r}"
                for secret in hidden
                # Whoever holds an address may read it back.
                if secret in text and secret not in url
            )
    assert wrong == [], "\n".join(wrong)
    # What the owner's own export holds, nobody else read.
    export = response_text(walkers_by_role[OWNER].request("get", EXPORT))
    assert [secret for secret in hidden if secret not in export] == []

    # Refused POSTs first: they must change nothing of the owner's.
    before = owners_rows(people[OWNER])
    allowed = []
    for description, url, case, data in walk:
        for role, expected in case.expected("post").items():
            if expected in {"200", "moved"}:
                allowed.append((description, url, role, expected, data, case.last))
                continue
            response = walkers_by_role[role].request("post", url, data)
            got = walk_outcome(response)
            if got != expected:
                wrong.append(
                    f"POST {description} ({url}) as {role}: {got}, not {expected}"
                )
            wrong.extend(not_allowed_page(response, f"POST {description} ({url})"))
    assert wrong == [], "\n".join(wrong)
    assert owners_rows(people[OWNER]) == before

    # Then what each role may do: another member's own doings change nothing
    # of the owner's either; the team's may (marking a topic answered).
    order = [OTHER, ANONYMOUS, MODERATOR, EDITOR, OWNER]
    allowed.sort(key=lambda found: (order.index(found[2]), found[5]))
    for description, url, role, expected, data, __ in allowed:
        if role != OTHER and before is not None:
            assert owners_rows(people[OWNER]) == before
            before = None
        got = walk_outcome(walkers_by_role[role].request("post", url, data))
        if got != expected:
            wrong.append(f"POST {description} ({url}) as {role}: {got}, not {expected}")
    assert wrong == [], "\n".join(wrong)
