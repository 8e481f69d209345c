"""Reading a discussion: a page of whole threads in a fixed number of queries,
each comment's permalink, and the counts listings show.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from home.ids import parse_id

from ..conf import setting
from .authors import Author, authors_of, guest_author
from .comments import may_delete, may_edit
from .forms import CommentForm
from .models import Comment, pending_by
from .reactions import may_react, reactions_for
from .targets import (
    PAGE_TARGETS,
    check_parent,
    comments_on,
    discussion_open,
    max_level,
    target_url,
)

ORDER_OLDEST = "oldest"


ORDER_NEWEST = "newest"


# Why a root that is not public still heads its thread.
HIDDEN_MODERATED = "moderated"


HIDDEN_HELD = "held"


def hidden_reason(comment, reader=None) -> str:
    """Why a root is shown as a placeholder, or "" when it is public or the
    reader's own comment that waits for a moderator."""
    if comment.is_public or waits_for(comment, reader):
        return ""
    if comment.is_spam or comment.rejected_at is not None:
        return HIDDEN_MODERATED
    return HIDDEN_HELD


def waits_for(comment, reader) -> bool:
    """Whether `comment` is the reader's own one that waits for a moderator."""
    return (
        reader is not None
        and reader.is_authenticated
        and comment.user_id == reader.pk
        and comment.is_pending
    )


@dataclass
class Node:
    comment: Comment
    author: Author
    children: list = field(default_factory=list)
    can_edit: bool = False
    can_delete: bool = False
    can_reply: bool = False
    can_react: bool = False
    can_report: bool = False
    reactions: list = field(default_factory=list)
    # HIDDEN_MODERATED or HIDDEN_HELD: a root kept only for its public replies.
    hidden: str = ""
    # The reader's own comment, shown to them alone until a moderator decides.
    waiting: bool = False
    # A root's public replies, when the page shows only the first of them.
    reply_count: int = 0
    more_replies: bool = False

    @property
    def has_reactions(self) -> bool:
        return any(reaction.count for reaction in self.reactions)


@dataclass
class Discussion:
    target: object
    nodes: list
    page: object
    order: str
    count: int
    # The root id of the one thread shown whole, page by page; None on the
    # discussion's own pages. `page` is then a page of that thread's comments.
    thread: int | None = None

    @property
    def thread_replies(self) -> int:
        return max(self.page.paginator.count - 1, 0) if self.thread else 0


def build_discussion(
    target, request, page_number=1, order=ORDER_OLDEST, thread=None, thread_page=1
):
    """One page of threads on `target`, as a tree, in fixed queries.

    A thread shows its root and its first COMMUNITY_REPLIES_SHOWN replies in
    thread order; a root with more carries their count for a link to the whole
    thread. With `thread` (a root's id) the page is that one thread instead,
    COMMUNITY_THREAD_PAGE_SIZE comments at a time; a comment whose parent is on
    an earlier page stands at the top of the shown part. Either way the queries
    do not grow with the number of comments.

    The reactions and the reader's own ones take one query more, and only when
    the page has comments.

    A root that is not public (rejected, spam or held for a moderator) keeps
    its thread while it has public replies: it shows as a placeholder, so
    hiding one comment never hides the answers others gave to it.

    A member reads their own comments that wait for a moderator where they
    wrote them, marked as waiting; nobody else sees them, and a guest's page
    is the same for every guest. Filters of the same queries, so no query more.
    """

    user = request.user if request is not None else None
    everything = comments_on(target)
    public = everything.filter(is_public=True)
    public_replies = Comment.objects.filter(
        thread_id=OuterRef("thread_id"), level__gt=0, is_public=True, is_removed=False
    )
    roots = everything.filter(level=0).filter(
        Q(is_public=True) | Exists(public_replies) | pending_by(user)
    )
    thread = parse_id(thread)
    if thread is not None:
        thread = roots.filter(pk=thread).values_list("thread_id", flat=True).first()
    reply_counts = {}
    if thread is not None:
        paginator = Paginator(
            everything.filter(thread_id=thread)
            .shown(user)
            .select_related(None)
            .order_by("order"),
            setting("COMMUNITY_THREAD_PAGE_SIZE"),
        )
        page = paginator.get_page(thread_page)
        comments = list(page.object_list)
        thread_ids = [thread]
    else:
        # Each root with the number of its public replies, in the same query.
        counts = (
            Comment.objects.filter(
                thread_id=OuterRef("thread_id"), level__gt=0, is_public=True
            )
            .order_by()
            .values("thread_id")
            .annotate(total=Count("pk"))
            .values("total")
        )
        paginator = Paginator(
            roots.annotate(
                reply_count=Coalesce(Subquery(counts), 0, output_field=IntegerField())
            )
            .order_by("-thread_id" if order == ORDER_NEWEST else "thread_id")
            .values_list("thread_id", "reply_count"),
            setting("COMMUNITY_THREADS_PER_PAGE"),
        )
        page = paginator.get_page(page_number)
        reply_counts = dict(page.object_list)
        thread_ids = list(reply_counts)
        # xtd numbers a thread depth-first from 1 (the root): its first
        # replies are those with the lowest `order`.
        comments = list(
            everything.filter(
                thread_id__in=thread_ids,
                order__lte=setting("COMMUNITY_REPLIES_SHOWN") + 1,
            )
            .shown(user)
            .select_related(None)
            .order_by("thread_id", "order")
        )
    authors = authors_of({c.user_id for c in comments if c.user_id}, request)
    reactions = reactions_for([c.pk for c in comments], user)
    now = timezone.now()
    by_id = {}
    threads = {}
    loose = []
    replies_shown = dict.fromkeys(thread_ids, 0)
    for comment in comments:
        if comment.level > 0 and comment.is_public:
            replies_shown[comment.thread_id] += 1
        author = authors.get(comment.user_id) if comment.user_id else None
        node = Node(comment=comment, author=author or guest_author(comment))
        node.waiting = waits_for(comment, user)
        node.hidden = hidden_reason(comment, user)
        if node.hidden:
            # Nobody replies to, reacts to or reports what is not shown.
            by_id[comment.pk] = threads[comment.thread_id] = node
            continue
        if user is not None:
            node.can_edit = may_edit(user, comment, now, target=target)
            node.can_delete = may_delete(user, comment)
            node.can_react = may_react(user, comment)
            node.can_report = not comment.is_removed and (
                comment.user_id is None or comment.user_id != user.pk
            )
        node.reactions = list(reactions[comment.pk].values())
        node.can_reply = (
            comment.is_public and not comment.is_removed and comment.level < max_level()
        )
        by_id[comment.pk] = node
        parent = by_id.get(comment.parent_id)
        if comment.level == 0:
            threads[comment.thread_id] = node
        elif parent is not None:
            parent.children.append(node)
        elif comment.thread_id in threads:
            # Its parent is held or gone: show it under the thread's root.
            threads[comment.thread_id].children.append(node)
        else:
            # Its parent is on an earlier page of the thread.
            loose.append(node)
    nodes = [threads[thread_id] for thread_id in thread_ids if thread_id in threads]
    for node in nodes:
        node.reply_count = reply_counts.get(node.comment.thread_id, 0)
        node.more_replies = node.reply_count > replies_shown[node.comment.thread_id]
    count = public.filter(is_removed=False).count()
    return Discussion(
        target=target,
        nodes=nodes + loose,
        page=page,
        order=order,
        count=count,
        thread=thread,
    )


def thread_page_of(comment):
    """The page of its thread's own view that shows `comment`, or None when
    the discussion's page shows it (a root or one of the first replies)."""
    if comment.level == 0 or comment.order <= setting("COMMUNITY_REPLIES_SHOWN") + 1:
        return None
    before = (
        Comment.objects.filter(thread_id=comment.thread_id, order__lt=comment.order)
        .shown()
        .count()
    )
    return before // setting("COMMUNITY_THREAD_PAGE_SIZE") + 1


def comment_count(target) -> int:
    return comments_on(target).public().count()


def discussion_context(request, page, slot):
    """The discussion section under a post, a producer page or a product."""
    if slot != "discussion" or request is None:
        return None
    if not isinstance(page, PAGE_TARGETS):
        return None
    return "community/discussion.html", discussion_for(request, page)


# The query parameter with which a guest opens the comment form.
WRITE_PARAMETER = "write"


def discussion_for(request, target) -> dict:
    """The threads on `target` and the comment form, as discussion.html takes
    them: the page, order, thread and reply asked for in the query string."""

    order = ORDER_NEWEST if request.GET.get("order") == ORDER_NEWEST else ORDER_OLDEST
    discussion = build_discussion(
        target,
        request,
        request.GET.get("cpage"),
        order,
        thread=request.GET.get("thread"),
        thread_page=request.GET.get("tpage"),
    )
    member = request.user if request.user.is_authenticated else None
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
    return {
        "target": target,
        "discussion": discussion,
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
        "comment_order": order,
    }


def comment_url(comment, request=None, order=ORDER_OLDEST) -> str:
    """The comment's permalink: the page of its thread, anchored at the comment,
    in the order of threads the reader chose (oldest first unless told).

    A reply past the first ones a thread shows lives on a page of the thread's
    own view, so the link goes there.
    """
    target = comment.content_object
    url = target_url(target, request)
    roots = comments_on(target).filter(is_public=True, level=0)
    newest = order == ORDER_NEWEST
    before = roots.filter(
        **{"thread_id__gt" if newest else "thread_id__lt": comment.thread_id}
    ).count()
    page = before // setting("COMMUNITY_THREADS_PER_PAGE") + 1
    params = [f"order={ORDER_NEWEST}"] if newest else []
    params += [f"cpage={page}"] if page > 1 else []
    thread_page = thread_page_of(comment)
    if thread_page is not None:
        params.append(f"thread={comment.thread_id}")
        if thread_page > 1:
            params.append(f"tpage={thread_page}")
    query = "?" + "&".join(params) if params else ""
    return f"{url}{query}#c{comment.pk}"
