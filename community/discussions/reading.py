"""A discussion as one reader gets it: the threads every reader shares, rendered
once per change and kept in the shared cache (`caching`), the reader's own
controls put into them (`controls`), and the comment form.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from home.ids import parse_id
from home.page_cache.recent import RecentPages, generation_for
from home.page_cache.tags import depends_on

from ..conf import setting
from . import caching
from .controls import Controls, facts_of, own_state
from .forms import CommentForm
from .targets import (
    PAGE_TARGETS,
    check_parent,
    discussion_open,
    target_url,
)
from .threads import ORDER_NEWEST, ORDER_OLDEST, build_discussion

# Indentation and blank lines between two tags.
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")

# The query parameter with which a guest opens the comment form.
WRITE_PARAMETER = "write"

# The query parameters that choose which part of a discussion a page shows.
VIEW_PARAMETERS = ("order", "cpage", "thread", "tpage")


@dataclass
class Threads:
    """One page of a discussion rendered for every reader, as stored: the
    HTML with a marker where each comment's controls go, the facts those
    depend on, and the count the page's header and schema.org show."""

    html: str
    count: int
    facts: tuple


def view_of(request) -> QueryDict:
    """The parameters that choose the shown part, each checked: the query the
    shared rendering's links are made from, and part of its key."""
    view = QueryDict(mutable=True)
    if request.GET.get("order") == ORDER_NEWEST:
        view["order"] = ORDER_NEWEST
    for name in VIEW_PARAMETERS[1:]:
        number = parse_id(request.GET.get(name))
        if number is not None:
            view[name] = str(number)
    return view


def render_threads(target, request, view, reader=None) -> Threads:
    """Render the threads `view` asks for; with a `reader`, including that
    member's own comments that wait for a moderator."""
    order = view.get("order", ORDER_OLDEST)
    discussion = build_discussion(
        target,
        request,
        view.get("cpage"),
        order,
        thread=view.get("thread"),
        thread_page=view.get("tpage"),
        reader=reader,
    )
    html = compact(
        render_to_string(
            "community/discussion_threads.html",
            {"discussion": discussion, "query": view},
        )
    )
    facts = []
    pending = list(discussion.nodes)
    while pending:
        node = pending.pop()
        pending.extend(node.children)
        if not node.hidden and not node.comment.is_removed:
            facts.append(facts_of(node))
    return Threads(html=html, count=discussion.count, facts=tuple(facts))


def compact(html: str) -> str:
    """`html` without the indentation and blank lines between its tags.

    The tree's template is indented for the people who edit it, and a page of
    200 comments sends that indentation 200 times. A newline stays where
    there was one, so the page looks the same: comments hold no <pre> and the
    site's CSS keeps no white space as it is.
    """
    return _BETWEEN_TAGS.sub(">\n<", html)


# The discussions this process served last: while nothing was purged
# anywhere, served again without reading the shared cache.
_recent = RecentPages(50)


def shared_threads(target, request, view) -> Threads:
    """The threads every reader shares, from this process's recent ones, the
    shared cache, or rendered and stored there. The key is taken first, so a
    rendering that read comments older than a purge is stored under the
    version the purge replaced."""
    parts = [view.get(name, "") for name in VIEW_PARAMETERS]
    now = generation_for(request)
    recent_key = caching.view_key(target, parts)
    threads = _recent.get(recent_key, now)
    if threads is None:
        key = caching.fragment_key(target, parts)
        threads = caching.stored(key)
        if threads is None:
            threads = render_threads(target, request, view)
            caching.store(key, threads)
        _recent.keep(recent_key, now, threads)
    return threads


# Members' own states (`own_state`) on the discussions this process served
# them last, while nothing was purged anywhere: every change to them purges (a
# reaction, an edit, a moderator's decision, and a new comment of theirs that
# waits for one, `purge_own` in community/signals.py).
_own_states = RecentPages(1000)


def own_state_of(request, target, member) -> tuple[bool, frozenset]:
    """`own_state`, from this process's recent ones while nothing was purged."""
    now = generation_for(request)
    key = (member.pk, caching.discussion_tag(target))
    found = _own_states.get(key, now)
    if found is None:
        waits, pressed = own_state(target, member)
        found = (waits, frozenset(pressed))
        _own_states.keep(key, now, found)
    return found


def discussion_context(request, page, slot):
    """The discussion section under a post, a producer page or a product."""
    if slot != "discussion" or request is None:
        return None
    if not isinstance(page, PAGE_TARGETS):
        return None
    return "community/discussion.html", discussion_for(request, page)


def discussion_for(request, target) -> dict:
    """The threads on `target` and the comment form, as discussion.html takes
    them: the page, order, thread and reply asked for in the query string."""

    view = view_of(request)
    member = request.user if request.user.is_authenticated else None
    depends_on(caching.discussion_tag(target))
    waits, pressed = (
        own_state_of(request, target, member) if member else (False, frozenset())
    )
    if waits:
        # The member sees their comments that wait for a moderator where they
        # wrote them: a page of their own, not stored.
        threads = render_threads(target, request, view, reader=member)
    else:
        threads = shared_threads(target, request, view)
    parent, reply_error = None, ""
    reply_to = request.GET.get("reply_to", "")
    if reply_to:
        try:
            parent = check_parent(target, reply_to)
        except ValidationError as error:
            reply_error = " ".join(error.messages)
    is_open = discussion_open(target)
    may_comment = is_open and (
        member is not None or setting("COMMUNITY_GUESTS_MAY_COMMENT")
    )
    controls = Controls(request, target, may_comment=may_comment, pressed=pressed)
    return {
        "target": target,
        "discussion": threads,
        "threads_html": mark_safe(controls.fill(threads.html, threads.facts)),  # noqa: S308 - rendered by templates and `controls`
        "form": CommentForm(
            target, member=member, initial={"reply_to": parent.pk} if parent else None
        ),
        "reply_parent": parent,
        "reply_error": reply_error,
        "is_member": member is not None,
        "discussion_is_open": is_open,
        "may_comment": may_comment,
        # A reader who only reads gets no form, and so no CSRF cookie: the
        # page stays the same for every anonymous reader. The form opens once
        # they choose to write ("write" or a reply in the query string).
        "form_open": may_comment
        and (member is not None or WRITE_PARAMETER in request.GET or bool(reply_to)),
        "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
        "target_url": target_url(target, request),
        # Sent with the form, so the new comment is shown in the reader's order.
        "comment_order": view.get("order", ORDER_OLDEST),
    }
