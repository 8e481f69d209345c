"""What each reader may do with the comments of a stored discussion: reactions,
reply, edit, delete and report, put into the shared rendering in place of its
markers.

The shared rendering carries, for every comment that shows its text, a marker
and the few facts its controls depend on (`Facts`). The controls are worded
here rather than in a template: filling in a page of 200 comments takes a
few milliseconds, and what is the member's own one query (`own_state`).
"""

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.db.models import CharField, Value
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .comments import may_delete, may_edit
from .models import Reaction, pending_by
from .reactions import LABELS, may_react
from .targets import comments_on, max_level

MARKER = re.compile(r"<!--reader:(\d+)-->")


def marker(pk) -> str:
    return f"<!--reader:{pk}-->"


@dataclass(frozen=True)
class Facts:
    """What the controls under one shown comment depend on; the attribute
    names are the comment's, so the rules in `comments` and `reactions` read
    them as they read a comment."""

    pk: int
    user_id: int | None
    author_name: str
    is_public: bool
    level: int
    submit_date: datetime
    published_at: datetime | None
    # (kind, count) of every kind of reaction, in the order of Reaction.Kind.
    reactions: tuple
    is_removed: bool = False


def facts_of(node) -> Facts:
    comment = node.comment
    return Facts(
        pk=comment.pk,
        user_id=comment.user_id,
        author_name=node.author.name,
        is_public=comment.is_public,
        level=comment.level,
        submit_date=comment.submit_date,
        published_at=comment.published_at,
        reactions=tuple((state.kind, state.count) for state in node.reactions),
    )


# The kind `own_state` gives the member's comments that wait for a moderator.
WAITING = ""


def own_state(target, member) -> tuple[bool, set]:
    """Whether the member has comments on `target` that wait for a moderator,
    and (comment id, kind) of their reactions there: one query."""
    on_target = comments_on(target).select_related(None).order_by()
    reactions = Reaction.objects.filter(
        user=member, comment__in=on_target.values("pk")
    ).values_list("comment_id", "kind")
    waiting = (
        on_target.filter(pending_by(member))
        .annotate(kind=Value(WAITING, output_field=CharField()))
        .values_list("pk", "kind")
    )
    rows = set(reactions.union(waiting, all=True))
    return any(kind == WAITING for __, kind in rows), rows


def _link(name, *args):
    """reverse() once per page: the address of `name` with the comment's id
    put in place of the last argument."""
    sample = 987654321
    url = reverse(name, args=[*args, sample])
    head, tail = url.rsplit(str(sample), 1)
    return lambda pk: f"{head}{pk}{tail}"


class Controls:
    """The controls one reader gets on one page of a discussion."""

    def __init__(self, request, target, *, may_comment: bool, pressed=frozenset()):
        user = request.user
        self.member = user if user.is_authenticated else None
        self.target = target
        self.may_comment = may_comment
        self.query = request.GET
        self.full_path = quote(request.get_full_path(), safe="/")
        self.now = timezone.now()
        # (comment id, kind) of the reader's own reactions.
        self.pressed = pressed
        self.csrf_input = (
            format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                get_token(request),
            )
            if self.member is not None
            else ""
        )
        self.max_level = max_level()
        self.react_url = _link("community_comment_react")
        self.edit_url = _link("community_comment_edit")
        self.delete_url = _link("community_comment_delete")
        self.report_url = _link("community_report", "comment")
        self.login_url = reverse("account_login")

    def fill(self, html: str, facts) -> str:
        """`html` with every comment's marker replaced by this reader's controls."""
        by_pk = {fact.pk: fact for fact in facts}

        def controls(match):
            fact = by_pk.get(int(match.group(1)))
            return self.render(fact) if fact is not None else ""

        return MARKER.sub(controls, html)

    def render(self, fact: Facts) -> str:
        return self.reactions(fact) + self.actions(fact)

    def reactions(self, fact: Facts) -> str:
        member = self.member
        if member is not None and may_react(member, fact):
            forms = "".join(
                format_html(
                    '<form class="reactions__form" method="post" action="{}" '
                    "data-reaction-form>{}"
                    '<input type="hidden" name="kind" value="{}">'
                    '<button class="reaction" type="submit" aria-pressed="{}">'
                    '<span class="reaction__label">{}</span> '
                    '<span class="reaction__count" data-reaction-count>{}</span>'
                    "</button></form>",
                    self.react_url(fact.pk),
                    self.csrf_input,
                    kind,
                    "true" if (fact.pk, kind) in self.pressed else "false",
                    LABELS[kind],
                    count or "",
                )
                for kind, count in fact.reactions
            )
            return format_html(
                '<div class="reactions" role="group" aria-label="{}">{}</div>',
                _("Reactions"),
                mark_safe(forms),  # noqa: S308 - built by format_html above
            )
        if member is None:
            links = "".join(
                format_html(
                    '<a class="reaction reaction--login" href="{}?next={}%23c{}" '
                    'rel="nofollow"><span class="reaction__label">{}</span> '
                    '<span class="reaction__count">{}</span>'
                    '<span class="visually-hidden"> – {}</span></a> ',
                    self.login_url,
                    self.full_path,
                    fact.pk,
                    LABELS[kind],
                    count or "",
                    _("log in to react"),
                )
                for kind, count in fact.reactions
            )
            return f'<p class="reactions">{links}</p>'
        given = "".join(
            format_html(
                '<span class="reaction reaction--static">{} '
                '<span class="reaction__count">{}</span></span> ',
                LABELS[kind],
                count,
            )
            for kind, count in fact.reactions
            if count
        )
        return f'<p class="reactions">{given}</p>' if given else ""

    def actions(self, fact: Facts) -> str:
        member = self.member
        name = escape(fact.author_name)
        links = []
        if self.may_comment and fact.is_public and fact.level < self.max_level:
            query = self.query.copy()
            query["reply_to"] = fact.pk
            links.append(
                format_html(
                    '<a href="?{}#comment-form">{}</a>',
                    query.urlencode(),
                    mark_safe(  # noqa: S308 - the translation, with the name escaped
                        _('Reply<span class="visually-hidden"> to %(name)s</span>')
                        % {"name": name}
                    ),
                )
            )
        if member is not None and may_edit(member, fact, self.now, self.target):
            links.append(
                format_html('<a href="{}">{}</a>', self.edit_url(fact.pk), _("Edit"))
            )
        if member is not None and may_delete(member, fact):
            links.append(
                format_html(
                    '<a href="{}">{}</a>', self.delete_url(fact.pk), _("Delete")
                )
            )
        if fact.user_id is None or member is None or fact.user_id != member.pk:
            links.append(
                format_html(
                    '<a class="comment__report" href="{}" rel="nofollow">{}</a>',
                    self.report_url(fact.pk),
                    mark_safe(  # noqa: S308 - the translation, with the name escaped
                        _(
                            'Report<span class="visually-hidden"> the comment by '
                            "%(name)s</span>"
                        )
                        % {"name": name}
                    ),
                )
            )
        if not links:
            return ""
        return '<p class="comment__actions">' + " ".join(links) + "</p>"
