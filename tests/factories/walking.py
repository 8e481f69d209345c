"""Walking every address: the URL patterns Django knows, filled with real ids,
the addresses of routable pages, and the roles that walk them."""

import datetime
import re
from urllib.parse import urlsplit

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from blog.models import BlogIndexPage
from community.feedback.models import Face
from community.members.preferences import choose_interest
from community.models import (
    Announcement,
    Feedback,
    LateMail,
    PersonalFeed,
    Report,
)
from community.writing.moderated import ModerationState
from shop_link.models import BrandProducer
from tests.factories.community import (
    add_comment,
    answer,
    ask,
    build_shop,
    category,
    reply,
    topic,
)
from tests.factories.members import member, staff
from tests.factories.pages import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    CertificationFactory,
    ImageFactory,
    ProductSourceFactory,
    make_draft,
    make_private,
)

# A parameter of a regex route (`(?P<pk>…)`) and of a path route (`<id:pk>`).
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def url_routes(patterns=None, prefix=""):
    """The route of every URL pattern below `patterns` (the project's by
    default), as Django prints it, in order."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, route)
        else:
            yield route


def fill_route(route: str, values: dict) -> str:
    """The address of `route` with each parameter set from `values`, and the
    anchors and escapes of a regex route taken out."""
    path = route
    while found := _NAMED_GROUP.search(path):
        depth, end = 1, found.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(path[end], 0)
            end += 1
        path = path[: found.start()] + str(values[found[1]]) + path[end:]
    path = _CONVERTER.sub(lambda found: str(values[found[1]]), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path


# --- roles ------------------------------------------------------------------------

# Who walks the site, in the order the tables of expectations list them.
ANONYMOUS, OWNER, OTHER, MODERATOR, EDITOR = ROLES = (
    "anonymous",
    "owner",
    "other",
    "moderator",
    "editor",
)
# Permissions staff get only for a purpose of their own: the members' addresses,
# the audience of an interest, and late mail (which shows whom it is for).
PURPOSE_PERMISSIONS = (
    "view_member_email",
    "export_interest_audience",
    "view_latemail",
)


def moderator(name="Mona Moderation", email="mona@team.example.org"):
    """Staff in the "Community moderators" group, as the demo makes them."""
    return staff(name, email, groups=["Community moderators"])


def editor(name="Erik Editor", email="erik@team.example.org"):
    """Staff in Wagtail's "Editors" group (pages: add and change, not publish),
    also allowed every content permission of the shop's own apps except those
    given for a purpose of their own."""
    Group.objects.get(name="Editors").permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["blog", "shop_link", "community", "home"]
        ).exclude(codename__in=PURPOSE_PERMISSIONS)
    )
    return staff(name, email, groups=["Editors"])


def walkers():
    """The accounts of each role, by role (None for the anonymous reader)."""
    return {
        ANONYMOUS: None,
        OWNER: member("Jana Petersen", "jana@example.org", verified=True),
        OTHER: member("Nils Nachbar", "nils@example.org", verified=True),
        MODERATOR: moderator(),
        EDITOR: editor(),
    }


# --- what they walk -----------------------------------------------------------------

# The customers' addresses: no page of the site but the owner's own, and no page
# of the admin for those without the permission to see addresses, may show one.
CUSTOMER_ADDRESSES = (
    "jana@example.org",
    "nils@example.org",
    "gast@example.org",
    "ohne.namen@example.org",
)


def walked_world(people):
    """Everything the walk fills addresses with: the owner's comments, topics,
    questions and feed beside the shop's pages, a guest's comment, a late mail
    and a feedback answer. Returned by name."""
    shop = build_shop()
    owner = people[OWNER]
    # A member who never chose a public name: the admin must not fall back on
    # the address to name them.
    nameless = member(None, "ohne.namen@example.org", verified=True)
    post = BlogPageFactory(parent=BlogIndexPage.objects.get(), title="Käse reift")
    draft = make_draft(BlogPageFactory(parent=post.get_parent(), title="Entwurf"))
    board_category = category("Rezepte")
    own_topic = topic(owner, board_category, title="Ofengemüse")
    question = ask(shop["cheese"], owner, "Ist der Käse laktosefrei?")
    world = {
        **shop,
        "post": post,
        "draft": draft,
        "private": make_private(
            BlogPageFactory(parent=post.get_parent(), title="Nur für Mitglieder")
        ),
        "comment": add_comment(post, owner, "Mein Kommentar zum Käse"),
        "edited": add_comment(post, owner, "Den ändere ich noch"),
        "doomed": add_comment(post, owner, "Den lösche ich wieder"),
        "reported": add_comment(post, owner, "Das meldet bestimmt jemand"),
        "others_comment": add_comment(post, people[OTHER], "Nils meint etwas"),
        "held_comment": add_comment(
            post, owner, "Janas Kommentar wartet", is_public=False
        ),
        "guest_comment": add_comment(post, None, "Gast fragt", is_public=False),
        "nameless_comment": add_comment(post, nameless, "Ohne Namen", is_public=False),
        "board_category": board_category,
        "topic": own_topic,
        "held_topic": topic(
            owner,
            board_category,
            title="Janas wartendes Thema",
            state=ModerationState.PENDING,
        ),
        "topic_reply": reply(own_topic, owner, "Janas Antwort im Thema"),
        "question": question,
        "held_question": ask(
            shop["cheese"],
            owner,
            "Janas wartende Frage?",
            state=ModerationState.PENDING,
        ),
        "answer": answer(question, people[MODERATOR], "Ja, durch die Reifung."),
        "announcement": Announcement.objects.create(
            text="Käseprobe am Samstag",
            ends_at=timezone.now() + datetime.timedelta(days=7),
        ),
        "feed": PersonalFeed.objects.create(user=owner),
        "late_mail": LateMail.objects.create(
            to=owner.email, subject="Neue Antwort", error="421 busy"
        ),
        "feedback": Feedback.objects.create(
            face=Face.HAPPY,
            page=post,
            day=timezone.localdate(),
        ),
        # In the root collection, where Wagtail's groups have their rights.
        "image": ImageFactory(collection=Collection.get_first_root_node()),
        "author": AuthorFactory(name="Greta Lind", user=people[EDITOR]),
        "blog_category": CategoryFactory(),
        "certification": CertificationFactory(),
        "source": ProductSourceFactory(),
        "brand": BrandProducer.objects.create(brand="Wendt", producer=shop["producer"]),
        "document": get_document_model().objects.create(
            title="Preisliste", file=ContentFile(b"%PDF-1.4\n", name="preise.pdf")
        ),
    }
    choose_interest(owner, "tastings", True)
    Report.objects.create(
        user=nameless, reason=Report.Reason.RUDE, comment=world["comment"]
    )
    return world


# --- what they get ------------------------------------------------------------------

# Where a refusal that asks to log in leads: the site's, the admin's and Wagtail's
# form for pages only members may read.
LOGIN_PATHS = frozenset({"/account/login/", "/admin/login/", "/_util/login/"})


def walk_outcome(response) -> str:
    """What a response means for a walk: "login" (sent to log in), "dashboard"
    (sent to the admin's dashboard, as Wagtail refuses staff a screen), "moved"
    (any other redirect) or the status code."""
    if response.status_code in (301, 302, 303):
        where = urlsplit(response["Location"]).path
        if where in LOGIN_PATHS:
            return "login"
        if where == "/admin/":
            return "dashboard"
        return "moved"
    return str(response.status_code)


class Walker:
    """One role's browser: a client that stays logged in as `user`, also after
    an address that logs out."""

    def __init__(self, user):
        self.user = user
        self.client = Client(raise_request_exception=False)

    def request(self, method, url, data=None):
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self.client.force_login(self.user)
        return getattr(self.client, method)(url, data or {})


def response_text(response) -> str:
    """The text of a response, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")
