"""What each reader may do with the comments of a stored discussion: reactions,
reply, edit, delete and report, put into the shared rendering in place of its
markers.

The shared rendering carries, for every comment that shows its text, a marker
and the few facts its controls depend on (`Facts`). The controls are worded
here rather than in a template: filling in a page of 200 comments takes a
few milliseconds, and what is the member's own one query (`own_state`).
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.db.models import CharField, Value
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
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
    """reverse() once per page: the address of `name`, escaped for an
    attribute, with the comment's id put in place of the last argument."""
    sample = 987654321
    url = reverse(name, args=[*args, sample])
    head, tail = (_escape(part) for part in url.rsplit(str(sample), 1))
    return lambda pk: f"{head}{pk}{tail}"


def _escape(text) -> str:
    """Text escaped for HTML, as Django's escape() does, without its
    wrapping: the controls call it for every comment."""
    return html.escape(str(text))


class Controls:
    """The controls one reader gets on one page of a discussion.

    Everything that is the same under every comment (addresses, the CSRF
    field, the words in the reader's language, the query of reply links) is
    worded and escaped once here; under each comment only its id, counts and
    author's name are put in.
    """

    def __init__(self, request, target, *, may_comment: bool, pressed=frozenset()):
        user = request.user
        # The member itself rather than Django's lazy stand-in for them
        # (looked into by `is_authenticated`), through which each of the
        # thousands of reads the rules make under a page of comments would go.
        self.member = getattr(user, "_wrapped", user) if user.is_authenticated else None
        self.target = target
        self.may_comment = may_comment
        self.now = timezone.now()
        # (comment id, kind) of the reader's own reactions.
        self.pressed = pressed
        self.max_level = max_level()
        self.react_url = _link("community_comment_react")
        self.edit_url = _link("community_comment_edit")
        self.delete_url = _link("community_comment_delete")
        self.report_url = _link("community_report", "comment")
        # Each reaction's button up to its pressed state, and from there to its
        # count: the same under every comment.
        self.buttons = {
            kind: (
                f'<button class="reaction" type="submit" name="kind" '
                f'value="{_escape(kind)}" aria-pressed="',
                f'"><span class="reaction__label">{_escape(label)}</span> '
                '<span class="reaction__count" data-reaction-count>',
            )
            for kind, label in LABELS.items()
        }
        self.labels = {kind: _escape(label) for kind, label in LABELS.items()}
        self.group_label = _escape(_("Reactions"))
        self.csrf_input = (
            format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                get_token(request),
            )
            if self.member is not None
            else ""
        )
        self.login_prefix = _escape(
            f"{reverse('account_login')}?next="
            f"{quote(request.get_full_path(), safe='/')}%23c"
        )
        self.login_words = _escape(_("log in to react"))
        # A reply link keeps the reader's query (order, page, thread) and
        # names the comment it answers last.
        query = request.GET.copy()
        query.pop("reply_to", None)
        kept = query.urlencode()
        self.reply_prefix = _escape(f"?{kept}&reply_to=" if kept else "?reply_to=")
        self.reply_words = _('Reply<span class="visually-hidden"> to %(name)s</span>')
        self.report_words = _(
            'Report<span class="visually-hidden"> the comment by %(name)s</span>'
        )
        self.edit_words = _escape(_("Edit"))
        self.delete_words = _escape(_("Delete"))

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
        pk = fact.pk
        if member is not None and may_react(member, fact):
            # One form for every kind: the pressed button names its kind.
            pressed = self.pressed
            buttons = "".join(
                f"{self.buttons[kind][0]}"
                f"{'true' if (pk, kind) in pressed else 'false'}"
                f"{self.buttons[kind][1]}{count or ''}</span></button>"
                for kind, count in fact.reactions
            )
            return (
                f'<div class="reactions" role="group" aria-label="{self.group_label}">'
                f'<form class="reactions__form" method="post" '
                f'action="{self.react_url(pk)}" data-reaction-form>{self.csrf_input}'
                f"{buttons}</form></div>"
            )
        if member is None:
            links = "".join(
                f'<a class="reaction reaction--login" href="{self.login_prefix}{pk}" '
                f'rel="nofollow"><span class="reaction__label">{self.labels[kind]}'
                f"</span> {self.count_html(count)}"
                f'<span class="visually-hidden"> – {self.login_words}</span></a> '
                for kind, count in fact.reactions
            )
            return f'<p class="reactions">{links}</p>'
        given = "".join(
            f'<span class="reaction reaction--static">{self.labels[kind]} '
            f'<span class="reaction__count">{count}</span></span> '
            for kind, count in fact.reactions
            if count
        )
        return f'<p class="reactions">{given}</p>' if given else ""

    @staticmethod
    def count_html(count: int) -> str:
        """A login link's count; none at nought, which the CSS hides anyway and
        a page of 200 comments would send 400 times."""
        return f'<span class="reaction__count">{count}</span>' if count else ""

    def actions(self, fact: Facts) -> str:
        member = self.member
        pk = fact.pk
        name = {"name": _escape(fact.author_name)}
        links = []
        if self.may_comment and fact.is_public and fact.level < self.max_level:
            links.append(
                f'<a href="{self.reply_prefix}{pk}#comment-form">'
                f"{self.reply_words % name}</a>"
            )
        if member is not None and may_edit(member, fact, self.now, self.target):
            links.append(f'<a href="{self.edit_url(pk)}">{self.edit_words}</a>')
        if member is not None and may_delete(member, fact):
            links.append(f'<a href="{self.delete_url(pk)}">{self.delete_words}</a>')
        if fact.user_id is None or member is None or fact.user_id != member.pk:
            links.append(
                f'<a class="comment__report" href="{self.report_url(pk)}" '
                f'rel="nofollow">{self.report_words % name}</a>'
            )
        if not links:
            return ""
        return '<p class="comment__actions">' + " ".join(links) + "</p>"
