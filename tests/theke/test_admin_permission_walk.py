"""Every address of the Wagtail admin, walked as an anonymous reader, two
members, a community moderator and an editor: who gets what, for GET and for
POST, and that no screen a moderator or an editor opens shows a customer's
e-mail address.

The addresses come from Django's URL patterns under /admin/ (Wagtail's own,
every snippet and viewset registered, Theke's reports and views), each filled
with a real object: a new admin URL fails `test_every_admin_address_has_an_
expectation` until ADMIN below classifies it.
"""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import Collection, Site, Task, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text

from tests.factories import (
    ANONYMOUS,
    CUSTOMER_ADDRESSES,
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

STAFF = (MODERATOR, EDITOR)
# What a refusal looks like: sent to log in or to the dashboard, forbidden,
# not found, the method not allowed, or a request that carries no form.
REFUSED = {"login", "dashboard", "400", "403", "404", "405"}

# Screens open to everyone, logged in or not: logging in, resetting a password
# (Theke's own reset mails staff only), and the admin's icons and translations.
PUBLIC = {
    "admin/login/": "200 dashboard dashboard",
    "admin/password_reset/": "200 200 200",
    "admin/password_reset/done/": "200 200 200",
    "admin/password_reset/confirm/<uidb64>/<token>/": "200 200 200",
    "admin/password_reset/complete/": "200 200 200",
    "admin/sprite/": "200 200 200",
    "admin/jsi18n/": "200 200 200",
}

# The rest: what a moderator and an editor get for a GET and, where it differs
# from the GET's refusal or the GET is not allowed, for a POST. Anonymous
# readers and members are sent to log in from every one of them, for a GET and
# a POST. The first pattern that matches a route (re.fullmatch) decides; the
# outcomes are those of `walk_outcome`, and "refused" is any of REFUSED. Where the
# GET is refused and no POST is given, the POST must be refused too; where the
# GET is allowed and no POST is given, no POST is sent: what a role may see
# there, it may also do. Refused POSTs change no row of any table.
MODERATED = "community/(topic|productquestion)"
SNIPPET_ROUTES = "(|results/|(edit|inspect|history|history-results|usage)/<int:pk>/)"
NOT_ADDED = "(community/(profile|interestcategories|productquestion)|shop_link/product)"
ADMIN = [
    # (route pattern, GET moderator editor, POST moderator editor or None)
    # --- the dashboard, the staff member's own account, Wagtail's small views --
    ("admin/", "200 200", None),
    ("admin/account/", "200 200", None),
    ("admin/dismissibles/", "200 200", None),
    ("admin/logout/", "405 405", "login login"),
    ("admin/test404/", "200 200", None),
    # Wagtail's page that raises on purpose, to test error reporting.
    ("admin/failwhale/", "500 500", None),
    (r"admin/\^\.\*/\$", "404 404", None),
    ("admin/block-preview/", "404 404", None),
    ("admin/choose-.*", "200 200", None),
    ("admin/tag-autocomplete/", "200 200", None),
    ("admin/tag-autocomplete/.+", "404 404", None),
    # Who else edits a page: the editor's own session on the post.
    ("admin/editing-sessions/ping/.*", "405 405", "404 200"),
    ("admin/editing-sessions/release/.*", "405 405", "200 200"),
    # --- the admin's API: pages only where one may edit them, never an action -
    (r"admin/api/main/\^pages/<int:pk>/action/.*", "405 405", "refused refused"),
    (r"admin/api/main/\^pages/<int:pk>/", "404 200", None),
    (r"admin/api/main/\^\w+/find/", "404 404", None),
    (r"admin/api/main/.*", "200 200", None),
    # Bulk actions: publishing the post in bulk lists it as not allowed; that
    # the POST publishes nothing, test_neither_moderators_nor_editors_publish.
    ("admin/bulk/.*", "200 200", None),
    # --- pages: editors write, nobody here publishes; moderators see none ----
    # What an editor's POST saves: test_neither_moderators_nor_editors_publish.
    ("admin/pages/<int:page_id>/edit/", "dashboard 200", None),
    ("admin/pages/<int:page_id>/convert_alias/", "404 404", None),
    ("admin/pages/<int:page_id>/(lock|unlock)/", "405 405", "refused refused"),
    ("admin/pages/<int:page_to_move_id>/set_position/", "405 405", "refused refused"),
    (
        "admin/pages/<int:page_id>/(delete|privacy|unpublish)/",
        "dashboard dashboard",
        None,
    ),
    (
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
        "dashboard dashboard",
        None,
    ),
    ("admin/pages/<int:page_to_move_id>/move/", "dashboard dashboard", None),
    # Asking to confirm a move shows the question; the move itself is refused.
    (
        "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        "200 200",
        "refused refused",
    ),
    ("admin/pages/<int:page_id>/revisions/", "moved moved", None),
    (
        "admin/pages/<int:page_id>/workflow_history/detail/.*",
        "dashboard 404",
        None,
    ),
    ("admin/pages/<int:parent_page_id>/add_subpage/", "dashboard moved", None),
    # Where a new page may go: a moderator is offered no page to add it to.
    ("admin/pages/create/.*", "200 moved", None),
    ("admin/pages/workflow/(action|collect_action_data)/.*", "404 404", None),
    ("admin/pages/workflow/confirm_cancellation/.*", "200 200", None),
    ("admin/pages/workflow/preview/.*", "dashboard dashboard", None),
    ("admin/pages/.*", "dashboard 200", None),
    # --- images and documents: editors' (Wagtail's Editors group) ------------
    ("admin/(images|documents)/chooser/create/", "dashboard 200", None),
    (
        "admin/images/chooser/(chosen/<str:pk>|<int:image_id>/select_format)/",
        "dashboard 200",
        None,
    ),
    ("admin/(images|documents)/chooser/.*", "200 200", None),
    ("admin/(images|documents)/multiple/add/", "dashboard 200", None),
    # Editors edit and delete uploads of the root collection, one by one too.
    (
        "admin/(images|documents)/multiple/(<int:image_id>|<int:doc_id>)/(delete/)?",
        "405 405",
        "refused 200",
    ),
    ("admin/(images|documents)/multiple/.*", "405 405", "refused refused"),
    ("admin/images/<int:image_id>/generate_url/.*", "dashboard 404", None),
    ("admin/(images|documents)/.*", "dashboard 200", None),
    # --- Theke's own: moderation, reports, the interests' audience ------------
    ("admin/moderation/.*", "200 200", None),
    ("admin/feedback/", "200 200", None),
    # Late mail names whom it is for: only with its own permission.
    ("admin/late-mail/.*", "dashboard dashboard", None),
    # Who chose an interest: only with the export's own permission.
    ("admin/interests/<slug:key>/export/", "dashboard dashboard", None),
    # --- Wagtail's reports --------------------------------------------------------
    # The log of changes, of what each may see.
    ("admin/reports/site-history/.*", "200 200", None),
    ("admin/reports/locked/.*", "dashboard dashboard", None),
    ("admin/reports/.*", "dashboard 200", None),
    # --- snippets: moderators change the topics and questions they moderate;
    # editors everything but what is made elsewhere (profiles come with
    # accounts, interests are fixed in code, products come from the feed) -----
    ("admin/snippets/", "dashboard dashboard", None),
    (f"admin/snippets/{MODERATED}/{SNIPPET_ROUTES}", "200 200", None),
    (f"admin/snippets/{NOT_ADDED}/add/", "dashboard dashboard", None),
    (
        "admin/snippets/community/(profile|interestcategories)/delete/<int:pk>/",
        "dashboard dashboard",
        None,
    ),
    # A source with products is kept: its page says why.
    (
        "admin/snippets/shop_link/productsource/delete/<int:pk>/",
        "dashboard moved",
        None,
    ),
    (
        "admin/snippets/shop_link/productsource/sync/<id:pk>/",
        "dashboard 405",
        "refused moved",
    ),
    (f"admin/snippets/choose/{NOT_ADDED}/create/", "dashboard dashboard", None),
    ("admin/snippets/choose/.*/create/", "dashboard 200", None),
    # Choosers serve the forms of any screen: names only, no addresses.
    ("admin/snippets/choose/.*", "200 200", None),
    ("admin/snippets/.*", "dashboard 200", None),
    # --- the shop's settings: editors; the admin's setup (accounts, groups,
    # sites, collections, redirects, workflows): superusers only --------------
    ("admin/settings/<slug:app_name>/<slug:model_name>/", "dashboard moved", None),
    ("admin/settings/.*/preview/", "dashboard 404", None),
    ("admin/settings/.*", "dashboard 200", None),
    ("admin/collections/<int:pk>/delete/", "404 404", None),
    ("admin/redirects/<int:redirect_id>/delete/", "404 404", None),
    ("admin/workflows/(enable|remove|tasks/enable)/.*", "405 405", "refused refused"),
    # The task chooser shows tasks; creating one needs the right to add tasks.
    ("admin/workflows/task_chooser/create/", "200 200", "refused refused"),
    ("admin/workflows/task_chooser/.*", "200 200", None),
    (
        "admin/(users|groups|sites|collections|redirects|workflows)/.*",
        "dashboard dashboard",
        None,
    ),
]


# Objects the snippets' addresses are filled with, where the first of the model
# would not be the telling one: the owner's profile, the owner's posts.
SNIPPET_OBJECTS = {
    "community.profile": lambda world, people: people[OWNER].profile,
    "community.topic": lambda world, people: world["topic"],
    "community.productquestion": lambda world, people: world["question"],
}


def admin_values(route, world, people) -> dict:
    """What each parameter of `route` is filled with: the post and its blog,
    the owner's account and posts, the world's image and document."""
    post = world["post"]
    values = {
        "page_id": post.pk,
        "pk": post.pk,
        "parent_page_id": post.get_parent().pk,
        "page_to_move_id": post.pk,
        "destination_id": world["producer"].get_parent().pk,
        "page_pk": post.pk,
        "revision_id": post.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "image_id": world["image"].pk,
        "document_id": world["document"].pk,
        "doc_id": world["document"].pk,
        "uploaded_file_id": 1,
        "filter_spec": "original",
        "collection_id": Collection.objects.first().pk,
        "content_type_app_name": "blog",
        "content_type_model_name": "blogpage",
        "app_label": "blog",
        "model_name": "blogpage",
        "app_name": "home",
        "object_id": post.pk,
        "session_id": 1,
        "tab": "pending",
        "key": "tastings",
        "action_name": "publish",
        "action": "publish",
        "task_id": Task.objects.first().pk,
        "task_state_id": 1,
        "workflow_state_id": 1,
        "workflow_pk": Workflow.objects.first().pk,
        "redirect_id": 1,
        "uidb64": "MQ",
        "token": "falsch",
    }
    section = route.split("/")[1]
    if section == "snippets" and "<" in route:
        parts = route.removeprefix("admin/snippets/").removeprefix("choose/")
        label = ".".join(parts.split("/")[:2])
        model = apps.get_model(label)
        found = SNIPPET_OBJECTS.get(label, lambda *__: model.objects.first())
        values["pk"] = found(world, people).pk
    elif "documents" in route:
        values["pk"] = world["document"].pk
    elif "images" in route:
        values["pk"] = world["image"].pk
    elif section == "settings":
        values.update(model_name="shopsettings", pk=Site.objects.get().pk)
    elif section == "bulk" or section == "editing-sessions":
        values.update(app_label="wagtailcore", model_name="page")
    elif section == "workflows":
        values.update(
            pk=Workflow.objects.first().pk,
            app_label="wagtailcore",
            model_name="groupapprovaltask",
        )
    elif section == "users":
        values["pk"] = people[OWNER].pk
    elif section == "groups":
        values["pk"] = Group.objects.get(name="Editors").pk
    elif section == "sites":
        values["pk"] = Site.objects.get().pk
    elif section == "collections":
        values["pk"] = values["collection_id"]
    return values


def admin_url(route, world, people) -> str:
    if route == "admin/^.*/$":
        return "/admin/gibt-es-nicht/"
    url = fill_route(route, admin_values(route, world, people))
    if route.startswith("admin/bulk/"):
        url += f"?id={world['post'].pk}"
    return url


def admin_routes():
    """Every route under /admin/, once (Theke's password reset stands before
    Wagtail's under the same route)."""
    return list(dict.fromkeys(r for r in url_routes() if r.startswith("admin/")))


def expectations(route):
    """{role: (GET outcome, POST outcome or None)} for `route`."""
    if route in PUBLIC:
        anonymous, moderator, editor = PUBLIC[route].split()
        gets = {ANONYMOUS: anonymous, OWNER: anonymous, OTHER: anonymous}
        gets.update({MODERATOR: moderator, EDITOR: editor})
        return {role: (got, None) for role, got in gets.items()}
    rule = next((rule for rule in ADMIN if re.fullmatch(rule[0], route)), None)
    if rule is None:
        return None
    __, gets, posts = rule
    found = dict.fromkeys((ANONYMOUS, OWNER, OTHER), ("login", "login"))
    posts = posts.split() if posts else [None, None]
    for role, got, posted in zip(STAFF, gets.split(), posts, strict=True):
        found[role] = (got, posted or ("refused" if got in REFUSED else None))
    return found


def everything():
    """Every row of every table but the sessions', for comparing before and
    after: logging in again only moves `last_login`."""
    rows = {}
    for model in apps.get_models():
        if model._meta.label in {"sessions.Session", "wagtailadmin.EditingSession"}:
            continue
        found = list(model._base_manager.order_by("pk").values())
        for row in found:
            row.pop("last_login", None)
        rows[model._meta.label] = found
    return rows


@pytest.fixture
def people():
    return walkers()


@pytest.fixture
def world(people):
    return walked_world(people)


def test_every_admin_address_has_an_expectation(world, people):
    unclassified = [route for route in admin_routes() if expectations(route) is None]

    assert unclassified == [], "classify these admin addresses in ADMIN"


def test_who_gets_what_in_the_admin(world, people):
    walking = {role: Walker(people[role]) for role in ROLES}
    walk = [(route, admin_url(route, world, people)) for route in admin_routes()]
    wrong = []
    shown = 0

    for route, url in walk:
        for role, (expected, __) in expectations(route).items():
            response = walking[role].request("get", url)
            got = walk_outcome(response)
            if got != expected:
                wrong.append(f"GET {route} ({url}) as {role}: {got}, not {expected}")
            if got == "200" and "html" in response.get("Content-Type", ""):
                text = response_text(response)
                shown += role in STAFF
                wrong.extend(
                    f"GET {route} ({url}) shows {role} {address}"
                    for address in CUSTOMER_ADDRESSES
                    if address in text
                )
    assert wrong == [], "\n".join(wrong)
    # The walk opened the screens that list members and their posts.
    assert shown > 150

    before = everything()
    allowed = []
    for route, url in walk:
        for role, (__, expected) in expectations(route).items():
            if expected is None:
                continue
            if expected != "refused" and expected not in REFUSED:
                allowed.append((route, url, role, expected))
                continue
            got = walk_outcome(walking[role].request("post", url))
            if got != expected and not (expected == "refused" and got in REFUSED):
                wrong.append(f"POST {route} ({url}) as {role}: {got}, not {expected}")
    assert wrong == [], "\n".join(wrong)
    after = everything()
    assert [label for label in before if after[label] != before[label]] == []

    for route, url, role, expected in allowed:
        got = walk_outcome(walking[role].request("post", url))
        if got != expected:
            wrong.append(f"POST {route} ({url}) as {role}: {got}, not {expected}")
    assert wrong == [], "\n".join(wrong)


def test_neither_moderators_nor_editors_publish(client, world, people):
    board = world["board"]
    live = board.live_revision_id
    form = nested_form_data(
        {
            "title": "Neu vom Team",
            "slug": board.slug,
            "intro": rich_text("<p>Neu</p>"),
            "action-publish": "action-publish",
        }
    )
    edit = f"/admin/pages/{board.pk}/edit/"
    publishing = [
        (edit, form),
        (f"/admin/bulk/wagtailcore/page/publish/?id={board.pk}", {}),
        (f"/admin/api/main/pages/{board.pk}/action/publish/", {}),
    ]

    client.force_login(people[MODERATOR])
    refused = [walk_outcome(client.post(url, data)) for url, data in publishing]
    client.force_login(people[EDITOR])
    page = client.get(edit).content.decode()
    saved = [walk_outcome(client.post(url, data)) for url, data in publishing]

    assert refused == ["dashboard", "moved", "404"]
    assert 'name="action-submit"' in page
    assert "action-publish" not in page
    assert saved == ["moved", "moved", "403"]
    board.refresh_from_db()
    assert board.live_revision_id == live
    assert board.title == "Gemeinschaft"
    # The editor's change waits as a draft for someone who may publish it.
    assert board.latest_revision.content["title"] == "Neu vom Team"
    assert board.latest_revision.user == people[EDITOR]
