"""Comments on posts, producer pages and products, on top of django-comments-xtd.

xtd keeps the threads (thread_id, parent_id, level, order) and the guests'
e-mail confirmation. Theke adds what it lacks: which things take comments, a
thread page built in a fixed number of queries, badges for all authors of a
page at once, edit and delete by the author, and no client address stored.
"""

from dataclasses import dataclass, field
from datetime import timedelta

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
from django.utils.translation import gettext_lazy as _
from django_comments.signals import comment_will_be_posted
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import TmpXtdComment, XtdComment
from wagtail.models import Page

from .conf import setting
from .models import Comment, Topic
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


def max_level() -> int:
    return xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL


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
    from . import rules

    user = request.user
    if user.is_authenticated and user.is_staff:
        return None
    since = rules.repeat_window_start()
    if user.is_authenticated:
        own = Comment.objects.filter(user=user)
        author_key = f"user:{user.pk}"
        prior = own.filter(is_public=True, is_spam=False).count()
    else:
        own = Comment.objects.filter(user__isnull=True, user_email=guest_email)
        author_key = f"guest:{guest_email.lower()}"
        prior = setting("COMMUNITY_HOLD_FIRST_POSTS")
    recent = own.filter(submit_date__gte=since).values_list("comment", flat=True)
    return rules.assess(
        text,
        author_key=author_key,
        client_address=request.META.get("REMOTE_ADDR"),
        prior_published_posts=prior,
        recent_texts=list(recent),
        rendered_html=rendered_html,
    )


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


def may_edit(user, comment, now=None) -> bool:
    return (
        user.is_authenticated
        and comment.user_id == user.pk
        and not comment.is_removed
        and (now or timezone.now()) <= edit_deadline(comment)
    )


def may_delete(user, comment) -> bool:
    return (
        user.is_authenticated and comment.user_id == user.pk and not comment.is_removed
    )


def edit_comment(user, comment, text: str) -> Comment:
    """Store the member's new text and its rendering; mark the comment edited."""
    if not may_edit(user, comment):
        raise PermissionDenied(
            _("Comments can be edited by their author within %(minutes)d minutes.")
            % {"minutes": setting("COMMUNITY_EDIT_WINDOW")}
        )
    comment.comment = text
    comment.body_html = render_text(text)
    comment.edited_at = timezone.now()
    _store(
        comment, comment=text, body_html=comment.body_html, edited_at=comment.edited_at
    )
    return comment


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


@dataclass
class Node:
    comment: Comment
    author: Author
    children: list = field(default_factory=list)
    can_edit: bool = False
    can_delete: bool = False
    can_reply: bool = False


def _initials(name: str) -> str:
    parts = [part for part in name.split() if part[:1].isalnum()]
    return "".join(part[0] for part in parts[:2]).upper() or "?"


def authors_of(user_ids, request=None) -> dict:
    """Public name, picture and badges of each member, in one query (plus the
    team photos' renditions)."""
    if not user_ids:
        return {}
    User = get_user_model()
    moderate = Q(codename="can_moderate", content_type__app_label="django_comments")
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
        team_author = _related(user, "author") if user.is_staff else None
        name = (
            team_author.name
            if team_author
            else (profile.display_name if profile else "") or _("Member")
        )
        author = Author(name=name, user=user, initials=_initials(name))
        if profile and profile.avatar:
            author.avatar_url = profile.avatar.url
        if team_author:
            author.role = team_author.role
            author.photo = team_author.photo
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


def build_discussion(target, request, page_number=1, order=ORDER_OLDEST):
    """One page of whole threads on `target`, as a tree, in fixed queries."""
    public = comments_on(target).filter(is_public=True)
    roots = public.filter(level=0).order_by(
        "-thread_id" if order == ORDER_NEWEST else "thread_id"
    )
    paginator = Paginator(
        roots.values_list("thread_id", flat=True),
        setting("COMMUNITY_THREADS_PER_PAGE"),
    )
    page = paginator.get_page(page_number)
    thread_ids = list(page.object_list)
    comments = list(
        public.filter(thread_id__in=thread_ids)
        .select_related(None)
        .order_by("thread_id", "order")
    )
    user = request.user if request is not None else None
    authors = authors_of({c.user_id for c in comments if c.user_id}, request)
    now = timezone.now()
    by_id = {}
    threads = {}
    for comment in comments:
        author = authors.get(comment.user_id) if comment.user_id else None
        node = Node(comment=comment, author=author or guest_author(comment))
        if user is not None:
            node.can_edit = may_edit(user, comment, now)
            node.can_delete = may_delete(user, comment)
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
    nodes = [threads[thread_id] for thread_id in thread_ids if thread_id in threads]
    count = public.filter(is_removed=False).count()
    return Discussion(target=target, nodes=nodes, page=page, order=order, count=count)


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
    order = ORDER_NEWEST if request.GET.get("order") == ORDER_NEWEST else ORDER_OLDEST
    discussion = build_discussion(page, request, request.GET.get("cpage"), order)
    member = request.user if request.user.is_authenticated else None
    parent, reply_error = None, ""
    reply_to = request.GET.get("reply_to", "")
    if reply_to.isdigit():
        try:
            parent = check_parent(page, int(reply_to))
        except ValidationError as error:
            reply_error = " ".join(error.messages)
    from .forms import CommentForm

    form = CommentForm(
        page, member=member, initial={"reply_to": parent.pk} if parent else None
    )
    is_open = discussion_open(page)
    return (
        "community/discussion.html",
        {
            "target": page,
            "discussion": discussion,
            "form": form,
            "reply_parent": parent,
            "reply_error": reply_error,
            "is_member": member is not None,
            "discussion_is_open": is_open,
            "may_comment": is_open
            and (member is not None or setting("COMMUNITY_GUESTS_MAY_COMMENT")),
            "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
            "target_url": target_url(page, request),
        },
    )
