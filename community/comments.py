"""Comments on posts, producer pages and products, on top of django-comments-xtd.

xtd keeps the threads (thread_id, parent_id, level, order) and the guests'
e-mail confirmation. Theke adds what it lacks: which things take comments, a
thread page built in a fixed number of queries, badges for all authors of a
page at once, edit and delete by the author, and no client address stored.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_comments.signals import comment_will_be_posted
from django_comments_xtd.conf import defaults as xtd_defaults
from django_comments_xtd.models import TmpXtdComment, XtdComment
from wagtail.models import Page

from .clients import client_address
from .conf import setting
from .models import Comment, Topic
from .names import public_name, team_author
from .sanitize import render_text

ORDER_OLDEST = "oldest"
ORDER_NEWEST = "newest"


# Which things take comments


def discussion_types():
    """The models whose objects may carry a discussion."""
    from blog.models import BlogPage, ProducerPage
    from shop_link.models import Product

    return (BlogPage, ProducerPage, Product, Topic)


def discussion_open(target) -> bool:
    """Whether new comments on `target` are taken."""
    if not isinstance(target, discussion_types()):
        return False
    if isinstance(target, Page):
        return target.live
    if isinstance(target, Topic):
        from .models import ModerationState

        return target.state == ModerationState.PUBLISHED and not target.is_closed
    return True


def closed_message(target) -> str:
    """Why `target` takes no new comments, in words its reader understands."""
    if isinstance(target, Topic) and target.is_closed:
        return _("This topic is closed; it takes no more replies.")
    return _("This page takes no comments.")


def target_url(target, request=None) -> str:
    """Where the discussion of `target` is read."""
    if isinstance(target, Page):
        return target.get_url(request=request) or ""
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""


def comments_on(target):
    """All comments on `target`, public or not, through the cached content type."""
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
    )


def xtd_setting(name: str):
    """An xtd setting read from the project's settings on every call, like ours.

    xtd's own settings object copies the settings once, when first used, and
    so misses changes made later (tests, `override_settings`)."""
    return getattr(settings, name, getattr(xtd_defaults, name))


def max_level() -> int:
    """How deep replies nest: a reply to a comment at this level is refused."""
    return xtd_setting("COMMENTS_XTD_MAX_THREAD_LEVEL")


def check_parent(target, parent_id: int) -> Comment:
    """The comment a reply answers, or ValidationError saying why it cannot be."""
    parent = comments_on(target).filter(pk=parent_id).first()
    if parent is None or not parent.is_public:
        raise ValidationError(
            _("The comment you are replying to does not exist (any more)."),
            code="no_parent",
        )
    if parent.is_removed:
        raise ValidationError(
            _("The comment you are replying to was deleted; it takes no replies."),
            code="parent_removed",
        )
    if parent.level >= max_level():
        raise ValidationError(
            _("This thread is nested as deep as it goes; reply further up."),
            code="too_deep",
        )
    return parent


# Posting


def assess_post(request, text: str, rendered_html: str, guest_email: str = ""):
    """The moderation rules' verdict on a new comment (None for staff: no rules).

    A guest's e-mail confirmation is their first-post check, so guests are not
    held as new members are; every other rule applies to them too.
    """
    return _assess(request, text, rendered_html, guest_email=guest_email)


def assess_edit(request, comment, text: str, rendered_html: str):
    """The moderation rules' verdict on a member's new text for `comment`.

    The same rules as for a new comment, or editing would get around them, with
    two differences: an edit is not a new post, so it does not count against
    the rate limit, and the comment's own old text is not a repeat of it.
    None for staff, who are not subject to the rules.
    """
    return _assess(request, text, rendered_html, editing=comment)


def _assess(request, text, rendered_html, guest_email="", editing=None):
    from . import rules

    user = request.user
    if user.is_authenticated and user.is_staff:
        return None
    since = rules.repeat_window_start()
    if user.is_authenticated:
        own = Comment.objects.filter(user=user)
        author_key = f"user:{user.pk}"
        prior = rules.published_posts(user)
    else:
        own = Comment.objects.filter(user__isnull=True, user_email=guest_email)
        author_key = f"guest:{guest_email.lower()}"
        prior = setting("COMMUNITY_HOLD_FIRST_POSTS")
    recent = own.filter(submit_date__gte=since)
    if editing is not None:
        recent = recent.exclude(pk=editing.pk)
    return rules.assess(
        text,
        author_key=author_key,
        client_address=client_address(request),
        prior_published_posts=prior,
        recent_texts=list(recent.values_list("comment", flat=True)),
        rendered_html=rendered_html,
        count_rate=editing is None,
    )


def address_hash(request) -> str:
    """A keyed hash of the client's address, or "" unless the site keeps them.

    The key is derived from SECRET_KEY, so the hash tells the same sender
    apart from others without revealing the address, and cannot be reversed
    by trying all addresses without the key. `purge_address_hashes` blanks it
    after COMMUNITY_KEEP_ADDRESS_HASH_DAYS.
    """
    address = client_address(request)
    if setting("COMMUNITY_KEEP_ADDRESS_HASH_DAYS") <= 0 or not address:
        return ""
    return salted_hmac(
        "theke.community.address_hash", address, algorithm="sha256"
    ).hexdigest()


def purge_address_hashes(now=None) -> int:
    """Blank the address hashes older than the days they are kept; how many."""
    days = max(setting("COMMUNITY_KEEP_ADDRESS_HASH_DAYS"), 0)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = Comment.objects.exclude(address_hash="")
    if days:
        stale = stale.filter(submit_date__lt=cutoff)
    return stale.update(address_hash="")


@receiver(comment_will_be_posted, sender=TmpXtdComment)
def forget_client_address(sender, comment, request, **kwargs):
    """No client address is stored with a comment (contrib-comments sets one)."""
    comment.ip_address = None


@receiver(pre_save, sender=Comment)
def prepare_comment(sender, instance, **kwargs):
    """Render new comments once, keep no address, serialise replies to a thread.

    xtd renumbers the rest of a thread when a reply is saved. Two replies saved
    at the same time could interleave that, so a new reply first locks its
    thread's root row: on PostgreSQL the second writer waits for the first. On
    SQLite, transactions begin IMMEDIATE (see the settings), which serialises
    writers anyway.
    """
    instance.ip_address = None
    if instance.pk is None:
        if not instance.body_html and instance.comment:
            instance.body_html = render_text(instance.comment)
        parent_id = instance.parent_id
        if parent_id and transaction.get_connection().in_atomic_block:
            root = Comment.objects.filter(pk=parent_id).values_list("thread_id").first()
            if root:
                list(
                    XtdComment.norel_objects.select_for_update()
                    .filter(pk=root[0])
                    .values_list("pk")
                )


# Editing and deleting


def edit_deadline(comment):
    return comment.submit_date + timedelta(minutes=setting("COMMUNITY_EDIT_WINDOW"))


def may_edit(user, comment, now=None, target=None) -> bool:
    """Whether `user` may still edit `comment`: their own, within the edit
    window, and only while its discussion takes comments (a closed topic or an
    unpublished page keeps the words it had when it closed). `target`, when
    the caller has it, saves loading the comment's page or topic again."""
    return (
        user.is_authenticated
        and comment.user_id == user.pk
        and not comment.is_removed
        and (now or timezone.now()) <= edit_deadline(comment)
        and discussion_open(target if target is not None else comment.content_object)
    )


def edit_refusal(user, comment) -> str:
    """Why `user` may not edit `comment`, in words its author understands."""
    if comment.is_removed:
        return _("This comment was deleted; there is nothing left to edit.")
    if (
        user.is_authenticated
        and comment.user_id == user.pk
        and not comment.is_removed
        and timezone.now() <= edit_deadline(comment)
    ):
        target = comment.content_object
        if isinstance(target, Topic) and target.is_closed:
            return _("This topic is closed; its comments can no longer be edited.")
        return _(
            "This page takes no more comments, and its comments can no longer be "
            "edited."
        )
    return _(
        "Comments can be edited by their author only, within %(minutes)d "
        "minutes of posting."
    ) % {"minutes": setting("COMMUNITY_EDIT_WINDOW")}


def may_delete(user, comment) -> bool:
    return (
        user.is_authenticated and comment.user_id == user.pk and not comment.is_removed
    )


def edit_comment(user, comment, text: str, *, request):
    """Store the member's new text and its rendering; mark the comment edited.

    The new text goes through the moderation rules as a new comment would
    (`assess_edit`): refused text raises ValidationError with the reasons and
    nothing is stored; text the rules hold is stored but the comment leaves
    the page until a moderator approves it. An edit never publishes a comment
    that is held. Returns the rules' verdict, None for staff.
    """
    if not may_edit(user, comment):
        raise PermissionDenied(edit_refusal(user, comment))
    body_html = render_text(text)
    verdict = assess_edit(request, comment, text, body_html)
    if verdict is not None and verdict.refused:
        raise ValidationError(verdict.reasons, code="refused")
    values = {"comment": text, "body_html": body_html, "edited_at": timezone.now()}
    if verdict is not None and verdict.held:
        values.update(is_public=False, held_reason=verdict.held_reason)
    for name, value in values.items():
        setattr(comment, name, value)
    _store(comment, **values)
    return verdict


def delete_comment(user, comment) -> Comment:
    """Remove the text; the comment stays in its thread as "deleted comment"."""
    if not may_delete(user, comment):
        raise PermissionDenied(_("Only the author can delete a comment."))
    comment.comment = ""
    comment.body_html = ""
    comment.is_removed = True
    _store(comment, comment="", body_html="", is_removed=True)
    return comment


def _store(instance, **values):
    """Write fields without save(): xtd's pre_save receiver would otherwise
    withdraw every reply under a deleted comment and publish every held reply
    under an edited one."""
    Comment.objects.filter(pk=instance.pk).update(**values)


# Reading: a page of whole threads with the badges of their authors


@dataclass
class Badge:
    kind: str
    label: str
    url: str = ""


@dataclass
class Author:
    name: str
    initials: str
    user: object = None
    avatar_url: str = ""
    photo: object = None
    role: str = ""
    badges: list = field(default_factory=list)


# Why a root that is not public still heads its thread.
HIDDEN_MODERATED = "moderated"
HIDDEN_HELD = "held"


def hidden_reason(comment) -> str:
    """Why a root is shown as a placeholder, or "" when it is public."""
    if comment.is_public:
        return ""
    if comment.is_spam or comment.rejected_at is not None:
        return HIDDEN_MODERATED
    return HIDDEN_HELD


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
    # A root's public replies, when the page shows only the first of them.
    reply_count: int = 0
    more_replies: bool = False

    @property
    def has_reactions(self) -> bool:
        return any(reaction.count for reaction in self.reactions)


def _initials(name: str) -> str:
    parts = [part for part in name.split() if part[:1].isalnum()]
    return "".join(part[0] for part in parts[:2]).upper() or "?"


def authors_of(user_ids, request=None) -> dict:
    """Public name, picture and badges of each member, in one query (plus the
    team photos' renditions)."""
    if not user_ids:
        return {}
    User = get_user_model()
    # The moderators group's own permission, not xtd's can_moderate.
    moderate = Q(codename="moderate_community", content_type__app_label="community")
    users = (
        User.objects.filter(pk__in=user_ids)
        .select_related("profile", "profile__producer", "author", "author__photo")
        .prefetch_related("author__photo__renditions")
        .annotate(
            moderates_directly=Exists(
                Permission.objects.filter(moderate, user=OuterRef("pk"))
            ),
            moderates_by_group=Exists(
                Permission.objects.filter(moderate, group__user=OuterRef("pk"))
            ),
        )
    )
    found = {}
    for user in users:
        profile = _related(user, "profile")
        team = team_author(user)
        name = public_name(user)
        author = Author(name=name, user=user, initials=_initials(name))
        if profile and profile.avatar:
            author.avatar_url = profile.avatar.url
        if team:
            author.role = team.role
            author.photo = team.photo
        if user.is_staff:
            author.badges.append(Badge("team", _("Team")))
        producer = profile.producer if profile else None
        if producer is not None and producer.live:
            author.badges.append(
                Badge("producer", producer.title, producer.get_url(request=request))
            )
        if user.is_superuser or user.moderates_directly or user.moderates_by_group:
            author.badges.append(Badge("moderator", _("Moderator")))
        found[user.pk] = author
    return found


def _related(obj, name):
    # A missing reverse one-to-one raises an AttributeError subclass.
    return getattr(obj, name, None)


def guest_author(comment) -> Author:
    name = comment.user_name or str(_("Guest"))
    return Author(name=name, initials=_initials(name))


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


def _shown():
    """The comments a discussion shows: public ones and each thread's root
    (a hidden root stands as a placeholder above its public replies)."""
    return Q(is_public=True) | Q(level=0)


def _thread_number(value):
    value = str(value or "")
    return int(value) if value.isdigit() else None


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
    """
    from .reactions import may_react, reactions_for

    everything = comments_on(target)
    public = everything.filter(is_public=True)
    public_replies = Comment.objects.filter(
        thread_id=OuterRef("thread_id"), level__gt=0, is_public=True, is_removed=False
    )
    roots = everything.filter(level=0).filter(
        Q(is_public=True) | Exists(public_replies)
    )
    thread = _thread_number(thread)
    if thread is not None:
        thread = roots.filter(pk=thread).values_list("thread_id", flat=True).first()
    reply_counts = {}
    if thread is not None:
        paginator = Paginator(
            everything.filter(thread_id=thread)
            .filter(_shown())
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
            .filter(_shown())
            .select_related(None)
            .order_by("thread_id", "order")
        )
    user = request.user if request is not None else None
    authors = authors_of({c.user_id for c in comments if c.user_id}, request)
    reactions = reactions_for([c.pk for c in comments], user)
    now = timezone.now()
    by_id = {}
    threads = {}
    loose = []
    replies_shown = dict.fromkeys(thread_ids, 0)
    for comment in comments:
        if comment.level > 0:
            replies_shown[comment.thread_id] += 1
        author = authors.get(comment.user_id) if comment.user_id else None
        node = Node(comment=comment, author=author or guest_author(comment))
        node.hidden = hidden_reason(comment)
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
        node.can_reply = not comment.is_removed and comment.level < max_level()
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
        .filter(_shown())
        .count()
    )
    return before // setting("COMMUNITY_THREAD_PAGE_SIZE") + 1


def with_comment_counts(queryset, name="comment_count"):
    """Annotate each object with its number of public, not deleted comments.

    One query for the whole listing: a subquery on the comments table by content
    type and object key. Pages use their own content type, so a queryset of
    mixed page types counts right.
    """
    model = queryset.model
    if issubclass(model, Page):
        content_type = OuterRef("content_type")
    else:
        content_type = ContentType.objects.get_for_model(model)
    counts = (
        Comment.objects.filter(
            content_type=content_type,
            object_pk=Cast(OuterRef("pk"), output_field=CharField()),
            is_public=True,
            is_removed=False,
        )
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(
        **{name: Coalesce(Subquery(counts), 0, output_field=IntegerField())}
    )


def comment_count(target) -> int:
    return comments_on(target).filter(is_public=True, is_removed=False).count()


def discussion_context(request, page, slot):
    """The discussion section under a post, a producer page or a product."""
    if slot != "discussion" or request is None:
        return None
    if not isinstance(page, discussion_types()) or isinstance(page, Topic):
        return None
    return "community/discussion.html", discussion_for(request, page)


def discussion_for(request, target) -> dict:
    """The threads on `target` and the comment form, as discussion.html takes
    them: the page, order, thread and reply asked for in the query string."""
    from .forms import CommentForm

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
    if reply_to.isdigit():
        try:
            parent = check_parent(target, int(reply_to))
        except ValidationError as error:
            reply_error = " ".join(error.messages)
    is_open = discussion_open(target)
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
        "may_comment": is_open
        and (member is not None or setting("COMMUNITY_GUESTS_MAY_COMMENT")),
        "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
        "target_url": target_url(target, request),
        # Sent with the form, so the new comment is shown in the reader's order.
        "comment_order": order,
    }
