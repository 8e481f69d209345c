"""Every form of the public site takes the hostile corpus (`tests.factories.fuzz`)
without a server error: what it refuses comes back with a clear message and the
text as typed, refusing writes nothing, no redirect leaves the site, and no
page that shows what it took (the public pages, the member's own, the
moderation queue and the admin's lists, the mails) holds active content.

Which addresses take a POST comes from the URL patterns, as in the site's
permission walk: a new one fails `test_every_address_is_fuzzed_or_says_why`
until FORMS below fuzzes it or says why it takes nothing typed. Which fields
there are comes from the code: every field of a form class of ours and every
POST parameter a view reads must be fuzzed somewhere
(`test_every_field_and_parameter_is_fuzzed`).

The corpus has several hundred inputs in thirteen classes. The comment form,
the site's main door for text, takes every one of them in its text; every
other form's main field takes four of each class and each further field one
of each class, and every field with a limit the oversize inputs for it. A
class's inputs meet the same checks of a field (an id is read by one rule, a
text by the sanitiser), so a few of each reach them all, and the whole corpus
on every field would be tens of thousands of requests. Messages are read in
English; tests/theke/test_translations.py keeps the German complete.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from wagtail.models import PageViewRestriction

from community.discussions.forms import CommentForm
from community.discussions.notifications import make_token
from community.feedback import answers
from community.models import (
    Comment,
    Consent,
    Feedback,
    HiddenCategory,
    MemberInterest,
    ProductAnswer,
    ProductQuestion,
    Profile,
    Report,
    Topic,
)
from community.writing.moderated import ModerationState
from tests.factories import (
    ANONYMOUS,
    MAX_PAGES_READ,
    MODERATOR,
    OTHER,
    OWNER,
    Sender,
    active_content,
    address_of,
    corpus,
    counts,
    html_of,
    judge,
    our_forms,
    oversize,
    page_links,
    parameters_read,
    post_routes,
    resolve,
    sample,
    urlencoded,
    walked_world,
    walkers,
)

pytestmark = pytest.mark.django_db

# The comment form is the site's main door for text: it takes every input.
# Other forms' main fields take MAIN_PER_CLASS inputs of each class, their
# other fields PER_CLASS.
EVERY_INPUT = ("comments/post/", OWNER)
MAIN_PER_CLASS = 4
PER_CLASS = 1
ADMIN_QUEUE = "/admin/moderation/"


@dataclass
class Form:
    """One form: who sends it to which address, valid `data` (or a function of
    the world that makes it anew for each post), the fields to fuzz with their
    longest allowed length (the first is the main text field), the models a
    refusal must leave alone, and the addresses that show what was taken,
    with who reads them."""

    role: str
    values: dict
    data: dict | Callable
    fields: dict
    writes: tuple = ()
    shows: tuple = ()
    headers: dict = field(default_factory=dict)
    before_each: Callable | None = None
    # Whether a refusal shows the main field again (not so for one-click forms).
    kept: bool = True


def comment_data(world):
    return {
        **CommentForm(world["post"]).initial,
        "comment": "Wie lange reift der Käse?",
        "reply_to": 0,
        "name": "Greta Gast",
        "email": "greta@example.org",
        "honeypot": "",
    }


def fresh_answer(world):
    """A click of its own for each comment: every answer takes one."""
    answer = answers.record("happy", channel="web", page=world["post"])
    return {"answer": answers.comment_token(answer), "comment": "Sehr nett."}


SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
POST_SHOWN = (
    (ANONYMOUS, "world:post.url"),
    (OWNER, "world:post.url"),
    (MODERATOR, ADMIN_QUEUE),
)
NO_INPUT = "takes nothing typed: a button with fixed values"

FORMS = {
    "comments/post/": [
        Form(
            OWNER,
            {},
            comment_data,
            {
                "comment": 5000,
                "reply_to": None,
                "object_pk": None,
                "timestamp": None,
                "order": None,
            },
            (Comment,),
            POST_SHOWN,
        ),
        Form(
            ANONYMOUS,
            {},
            comment_data,
            {"name": 50, "email": 254, "comment": 5000},
            (Comment,),
            POST_SHOWN,
        ),
    ],
    "comments/<id:pk>/edit/": Form(
        OWNER,
        {"pk": "world:edited.pk"},
        {"comment": "Neu."},
        {"comment": 5000},
        (Comment,),
        POST_SHOWN,
    ),
    "comments/report/<str:kind>/<id:pk>/": Form(
        OTHER,
        {"kind": "comment", "pk": "world:reported.pk"},
        {"reason": "rude", "note": "Unfreundlich."},
        {"note": 500, "reason": None},
        (Report,),
        ((MODERATOR, ADMIN_QUEUE),),
        # One report per member and comment: each post makes the first.
        before_each=lambda world, people: Report.objects.filter(
            user=people[OTHER]
        ).delete(),
    ),
    "comments/<id:pk>/react/": Form(
        OTHER,
        {"pk": "world:comment.pk"},
        {"kind": "helpful"},
        {"kind": None, "next": None},
    ),
    "questions/ask/<id:product_pk>/": Form(
        OWNER,
        {"product_pk": "world:cheese.pk"},
        {"text": "Wie lange hält der Käse?", "confirmed": "on", "notify": "on"},
        {"text": 2000, "confirmed": None, "notify": None},
        (ProductQuestion,),
        ((ANONYMOUS, "world:cheese_url"), (MODERATOR, ADMIN_QUEUE)),
    ),
    "questions/<id:pk>/answer/": Form(
        MODERATOR,
        {"pk": "world:question.pk"},
        {"text": "Drei Monate."},
        {"text": 5000},
        (ProductAnswer,),
        ((ANONYMOUS, "world:cheese_url"),),
    ),
    "questions/<id:pk>/accept/": Form(
        OWNER,
        {"pk": "world:question.pk"},
        {"answer": "world:answer.pk"},
        {"answer": None, "undo": None},
    ),
    "CommunityIndexPage:new/": Form(
        OWNER,
        {},
        {"category": "world:board_category.pk", "title": "Ofen", "text": "Warm."},
        {"text": 10_000, "title": 140, "category": None, "products": None},
        (Topic,),
        ((ANONYMOUS, "world:board.url"), (MODERATOR, ADMIN_QUEUE)),
    ),
    "CommunityIndexPage:<slug:slug>/status/": Form(
        OWNER, {"slug": "world:topic.slug"}, {"status": "answered"}, {"status": None}
    ),
    "account/profile/": Form(
        OWNER,
        {},
        {"display_name": "Jana P."},
        {"display_name": 200, "remove_avatar": None},
        (Profile,),
        ((ANONYMOUS, "world:post.url"), (OWNER, "/account/profile/")),
    ),
    "account/profile/unfollow/": Form(
        OWNER,
        {},
        {"content_type": "world:post_type", "object_pk": "world:post.pk"},
        {"object_pk": None, "content_type": None},
    ),
    "account/interests/": Form(
        OWNER,
        {},
        {"interest": "recipes", "chosen": "on"},
        {"interest": None, "chosen": None},
        (MemberInterest, Consent),
    ),
    "account/interests/categories/": Form(
        OWNER,
        {},
        {"blog_category": "world:blog_category.pk", "hide": "on"},
        {"product_category": 300, "blog_category": 20, "hide": None, "next": None},
        (HiddenCategory,),
        # A button beside each category: a refusal says why on the page.
        kept=False,
    ),
    "account/interests/feed/": Form(OWNER, {}, {"action": "make"}, {"action": None}),
    "account/delete/": Form(
        OWNER,
        {},
        {"password": "falsch", "posts": "remove"},
        {"password": None, "posts": None},
        (Comment, Topic),
    ),
    "account/signup/": Form(
        ANONYMOUS,
        {},
        {
            "email": "neu@example.org",
            "display_name": "Neu hier",
            "password1": "lang-und-geheim-42",
            "password2": "lang-und-geheim-42",
        },
        {"display_name": 50, "email": 254, "password1": None, "next": None},
        (Profile,),
        ((ANONYMOUS, "world:post.url"),),
        # A new account logs its maker in: each post signs up anew.
        before_each=lambda world, people: Profile.objects.filter(
            user__email__startswith="neu"
        ).delete(),
    ),
    "account/login/": Form(
        ANONYMOUS,
        {},
        {"login": "jana@example.org", "password": "falsch"},
        {"login": None, "password": None, "next": None},
    ),
    "account/password/reset/": Form(
        ANONYMOUS, {}, {"email": "jana@example.org"}, {"email": 254}
    ),
    "feedback/send/": Form(
        ANONYMOUS,
        {},
        {"face": "happy", "page": "world:post.pk"},
        {"face": None, "channel": None, "page": None, "product": None, "view": None},
        headers=SAME_ORIGIN,
    ),
    "feedback/comment/": Form(
        ANONYMOUS,
        {},
        fresh_answer,
        {"comment": 1000, "answer": None},
        (Feedback,),
        ((MODERATOR, "/admin/feedback/"),),
        SAME_ORIGIN,
    ),
    "i18n/setlang/": Form(
        ANONYMOUS,
        {},
        {"language": "en", "next": "/"},
        {"next": None, "language": None},
    ),
    "announcements/<id:pk>/dismiss/": Form(
        OWNER, {"pk": "world:announcement.pk"}, {"next": "/"}, {"next": None}
    ),
    "_util/login/": Form(
        ANONYMOUS,
        {},
        {"username": "jana@example.org", "password": "x", "next": "/"},
        {"next": None, "username": None},
    ),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        Form(
            ANONYMOUS,
            {
                "page_view_restriction_id": "world:restriction.pk",
                "page_id": "world:private.pk",
            },
            {"password": "x", "return_url": "/"},
            {"return_url": None, "password": None},
        )
    ),
}

# Every other address that takes a POST, and why nothing typed is fuzzed there:
# the GETs of all of them are fuzzed by test_hostile_parameters.
NOT_FORMS = {
    "search/": "GET only",
    "impressum/": "GET only",
    "privacy/": "GET only",
    "sitemap.xml": "GET only",
    "sitemap-<slug:section>.xml": "GET only",
    "robots.txt": "GET only",
    "favicon.ico": "GET only",
    "feedback/": "GET only",
    "questions/similar/": "GET only",
    "^media/(?P<path>.*)$": "answers 404 to every method",
    "account/data/": "reads nothing posted",
    "account/data/export.json": "reads nothing posted",
    "account/^feed/(?P<token>[A-Za-z0-9_-]{20,64})/(?P<kind>rss|atom)/$": (
        "a feed: reads nothing posted"
    ),
    "comments/confirm/<str:key>/": "the key is the address: fuzzed as a path",
    "comments/reply/<id:cid>/": "a redirect: reads nothing posted",
    "comments/cr/<id:content_type_id>/<str:object_pk>/": "a redirect",
    "comments/<id:pk>/delete/": NO_INPUT,
    "comments/unsubscribe/<str:token>/": NO_INPUT,
    "account/logout/": NO_INPUT,
    "account/inactive/": "GET only",
    "account/confirm-email/": "GET only",
    "account/^confirm-email/(?P<key>[-:\\w]+)/$": NO_INPUT,
    "account/password/reset/done/": "GET only",
    "account/password/reset/key/done/": "GET only",
    "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "allauth's form behind a key from a mail; its fields are allauth's"
    ),
    "account/login/code/confirm/": "allauth's; log-in codes are turned off",
    "account/email/": "allauth's own form and checks (the address: sign-up)",
    "account/password/change/": "allauth's own form (the password: log-in)",
    "account/password/set/": "allauth's own form; members have a password",
    "account/reauthenticate/": "allauth's own form (the password: log-in)",
    "documents/authenticate_with_password/<int:restriction_id>/": (
        "Wagtail's, as the page's password form fuzzed above"
    ),
    "documents/^(\\d+)/(.*)$": "a download: reads nothing posted",
}

# Fields and parameters that are not typed by anyone and never shown, fuzzed
# by the form that carries them (the security hash of the comment form is
# checked before any field).
UNFUZZED_FIELDS = {
    "content_type": "signed with the comment form: any change is a security error",
    "security_hash": "signed with the comment form",
    "url": "the comment form ignores it (clean_url)",
    "followup": "a box",
    "honeypot": "bots' trap: any value refuses",
    "avatar": "a file, checked by tests/community/test_accounts.py",
    "password2": "compared with password1",
    "products": "fuzzed on the topic form",
    "notify": "a box",
    "do": "a moderator's button in the admin's queue",
    "items": "the queue's boxes, read by parse_keys (tests/community/test_hostile_ids)",
}
NOT_FORMS.update(
    {
        f"{name}:{route}": "a page: its GET parameters are fuzzed"
        for name, route in [
            ("BlogIndexPage", "category/<slug:slug>/"),
            ("BlogIndexPage", "tag/<slug:slug>/"),
            ("BlogIndexPage", "author/<slug:slug>/"),
            ("BlogIndexPage", "^(?P<kind>feed|atom)/$"),
            ("BlogIndexPage", "^category/(?P<slug>[-\\w]+)/(?P<kind>feed|atom)/$"),
            ("ProductIndexPage", "<slug:slug>/"),
            ("CommunityIndexPage", "category/<slug:slug>/"),
            ("CommunityIndexPage", "<slug:slug>/"),
            ("CommunityIndexPage", "questions/<id:pk>/"),
        ]
    }
)

# Forms bound to the query string: their fields are GET parameters, fuzzed by
# test_hostile_parameters.
QUERY_FORMS = {"CatalogueFilters"}
# Forms whose text some hostile inputs pass as harmless (entities, template
# syntax, look-alike letters): what they stored is read afterwards.
WRITTEN = (
    "comments/post/",
    "CommunityIndexPage:new/",
    "questions/ask/<id:product_pk>/",
    "questions/<id:pk>/answer/",
    "comments/report/<str:kind>/<id:pk>/",
)


def inputs_for(max_length, main, every):
    if every:
        chosen = list(corpus())
    else:
        chosen = sample(corpus(), MAIN_PER_CLASS if main else PER_CLASS)
    return chosen + (oversize(max_length) if max_length else [])


@pytest.fixture(autouse=True)
def _open_rules(settings):
    """No post waits for a moderator or a rate limit: each is judged alone."""
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_FEEDBACK_RATE_LIMIT = None
    settings.ACCOUNT_RATE_LIMITS = False
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def people():
    return walkers()


@pytest.fixture
def world(people):
    world = walked_world(people)
    world["post_type"] = ContentType.objects.get_for_model(world["post"]).pk
    world["restriction"] = PageViewRestriction.objects.get(page=world["private"])
    world["cheese_url"] = world["cheese"].get_absolute_url()
    world["unsubscribe"] = make_token(world["post"], user_pk=people[OWNER].pk)
    return world


def forms_of(entry):
    return entry if isinstance(entry, list) else [entry]


def fuzz_form(route, form, world, people, senders, taken):
    """Send every input to every field of `form`; what went wrong, as lines.
    Counts the inputs the form took in `taken`, by route."""
    sender = senders[form.role]
    url = address_of(route, form, world)
    wrong = []
    for number, (name, max_length) in enumerate(form.fields.items()):
        every = number == 0 and (route, form.role) == EVERY_INPUT
        for hostile in inputs_for(max_length, number == 0, every):
            if form.before_each:
                form.before_each(world, people)
            data = form.data(world) if callable(form.data) else form.data
            data = {key: resolve(value, world) for key, value in data.items()}
            body = urlencoded(data, name, hostile)
            before = counts(form.writes)
            response = sender.post(url, body, form.headers)
            kept = form.kept and number == 0 and max_length is not None
            found = judge(response, body, name, form.writes, before, kept)
            taken[route] += counts(form.writes) != before
            wrong.extend(
                f"{route} as {form.role}, {name}={hostile.kind}:"
                f"{str(hostile.value)[:40]!r}: {line}"
                for line in found
            )
    return wrong


def read_everywhere(shows, world, senders):
    """What is wrong on the pages that show what the forms took: each page of
    them as its reader gets it, following its own page links."""
    wrong = []
    for role, address in dict.fromkeys(shows):
        start = resolve(address, world)
        seen, queue = set(), [start]
        while queue and len(seen) < MAX_PAGES_READ:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = senders[role].get(url)
            html = html_of(response)
            if response.status_code != 200:
                wrong.append(f"{url} as {role}: answered {response.status_code}")
            admin = url.startswith("/admin/")
            wrong.extend(
                f"{url} as {role} shows {found}"
                for found in active_content(html, admin=admin)
            )
            queue.extend(page_links(html, start))
    return wrong


def test_every_address_is_fuzzed_or_says_why(world):
    routes = post_routes()

    assert sorted(routes - set(FORMS) - set(NOT_FORMS)) == [], "fuzz these"
    assert sorted((set(FORMS) | set(NOT_FORMS)) - routes) == [], "gone"


def test_every_field_and_parameter_is_fuzzed():
    fuzzed = {
        name
        for entry in FORMS.values()
        for form in forms_of(entry)
        for name in form.fields
    }
    fields = {
        f"{form.__name__}.{name}": name
        for form in our_forms()
        if form.__name__ not in QUERY_FORMS
        for name in form.base_fields
    }
    posted = {
        f"{where}: {name}": name for name, where in parameters_read("POST") if name
    }
    known = fuzzed | set(UNFUZZED_FIELDS)

    assert sorted(key for key, name in fields.items() if name not in known) == []
    assert sorted(key for key, name in posted.items() if name not in known) == []
    assert {where for name, where in parameters_read("POST") if name is None} == set()


def test_every_form_takes_the_corpus(world, people):
    senders = {role: Sender(user) for role, user in people.items()}
    wrong = []
    shows = []
    taken = Counter()
    for route, entry in FORMS.items():
        for form in forms_of(entry):
            wrong.extend(fuzz_form(route, form, world, people, senders, taken))
            shows.extend(form.shows)
    public = [show for show in shows if not show[1].startswith("/admin/")]
    wrong.extend(read_everywhere(public, world, senders))
    # What waits for a moderator is read in the queue: hold all that was taken.
    Comment.objects.update(is_public=False)
    for model in (Topic, ProductQuestion):
        model.objects.update(state=ModerationState.PENDING)
    wrong.extend(read_everywhere(set(shows) - set(public), world, senders))
    wrong.extend(
        f"mail {message.subject!r} shows {found}"
        for message in mail.outbox
        for body, kind in getattr(message, "alternatives", [])
        if kind == "text/html"
        for found in active_content(body)
    )
    assert wrong == [], f"{len(wrong)} problems:\n" + "\n".join(wrong[:200])
    # Inputs were taken too, so the pages above showed some of them.
    assert {route for route in WRITTEN if taken[route] == 0} == set()
