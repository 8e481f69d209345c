"""Reading a discussion: a page of whole threads in a fixed number of queries,
each comment's permalink, and the counts listings show.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce

from home.ids import parse_id

from ..conf import setting
from .authors import Author, authors_of, guest_author
from .models import Comment, pending_by
from .reactions import states_of, with_reaction_counts
from .targets import comments_on, target_url

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
    # Every kind of reaction with its count (`reactions.ReactionState`).
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
    target,
    request,
    page_number=1,
    order=ORDER_OLDEST,
    thread=None,
    thread_page=1,
    *,
    reader=None,
):
    """One page of threads on `target`, as a tree, in fixed queries.

    A thread shows its root and its first COMMUNITY_REPLIES_SHOWN replies in
    thread order; a root with more carries their count for a link to the whole
    thread. With `thread` (a root's id) the page is that one thread instead,
    COMMUNITY_THREAD_PAGE_SIZE comments at a time; a comment whose parent is on
    an earlier page stands at the top of the shown part. Either way the queries
    do not grow with the number of comments.

    Three queries in all: the page of threads (or of the one thread) with
    the counts its pager and header show, the comments with their reactions,
    and their authors. What each reader may do with the comments is not
    decided here (`controls`): the tree is the same for every reader.

    A root that is not public (rejected, spam or held for a moderator) keeps
    its thread while it has public replies: it shows as a placeholder, so
    hiding one comment never hides the answers others gave to it.

    A member (`reader`) reads their own comments that wait for a moderator
    where they wrote them, marked as waiting; nobody else sees them. Without
    a reader the page is what every other reader sees. Filters of the same
    queries, so no query more.
    """

    user = reader
    everything = comments_on(target)
    public_replies = Comment.objects.filter(
        thread_id=OuterRef("thread_id"), level__gt=0, is_public=True, is_removed=False
    )
    roots = everything.filter(level=0).filter(
        Q(is_public=True) | Exists(public_replies) | pending_by(user)
    )
    # Every public comment on the page's target, for the header: carried by
    # each row of the page's query instead of a query of its own.
    count = Subquery(
        comments_on(target)
        .public()
        .select_related(None)
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
        .values("total")
    )
    thread = parse_id(thread)
    reply_counts = {}
    if thread is not None:
        shown = (
            everything.filter(thread_id=thread)
            .shown(user)
            .select_related(None)
            .order_by("order")
        )
        # A root of this target that heads a thread shown to the reader.
        page = _one_query_page(
            with_reaction_counts(shown).annotate(
                is_thread=Exists(roots.filter(pk=thread, thread_id=thread))
            ),
            setting("COMMUNITY_THREAD_PAGE_SIZE"),
            thread_page,
            count,
        )
        if not page.object_list or not page.object_list[0].is_thread:
            thread = None
        else:
            comments = list(page.object_list)
            thread_ids = [thread]
    if thread is None:
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
        page = _one_query_page(
            roots.annotate(
                reply_count=Coalesce(Subquery(counts), 0, output_field=IntegerField())
            )
            .select_related(None)
            .order_by("-thread_id" if order == ORDER_NEWEST else "thread_id")
            .only("thread_id"),
            setting("COMMUNITY_THREADS_PER_PAGE"),
            page_number,
            count,
        )
        reply_counts = {row.thread_id: row.reply_count for row in page.object_list}
        thread_ids = list(reply_counts)
        # xtd numbers a thread depth-first from 1 (the root): its first
        # replies are those with the lowest `order`.
        comments = list(
            with_reaction_counts(
                everything.filter(
                    thread_id__in=thread_ids,
                    order__lte=setting("COMMUNITY_REPLIES_SHOWN") + 1,
                )
                .shown(user)
                .select_related(None)
                .order_by("thread_id", "order")
            )
        )
    authors = authors_of({c.user_id for c in comments if c.user_id}, request)
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
        node.reactions = states_of(comment)
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
    rows = page.object_list
    return Discussion(
        target=target,
        nodes=nodes + loose,
        page=page,
        order=order,
        count=rows[0].public_count if rows else 0,
        thread=thread,
    )


def _one_query_page(queryset, per_page, number, public_count):
    """A page of `queryset` and its paginator from one query: each row also
    carries the number of rows in all (a window over the whole result) and
    `public_count`. A number past the last page shows the last, as
    Paginator.get_page does, for one query more."""
    paginator = Paginator(queryset, per_page)
    try:
        # Past any last page, and an offset every database can take.
        number = min(max(int(number or 1), 1), 2**31)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(
        queryset.annotate(
            rows_in_all=Window(Count("pk")),
            public_count=Coalesce(public_count, Value(0)),
        )[start : start + per_page]
    )
    if not rows and number > 1:
        return _one_query_page(
            queryset, per_page, max(paginator.num_pages, 1), public_count
        )
    paginator.count = rows[0].rows_in_all if rows else 0
    return Page(rows, number, paginator)


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
