"""One comment's rules, on top of django-comments-xtd: the moderation rules'
verdict on posting and editing, the keyed address hash, what happens before a
comment is saved, and editing and deleting by its author.

xtd keeps the threads (thread_id, parent_id, level, order) and the guests'
e-mail confirmation. Which things take comments is in `targets`, reading a
discussion in `threads`, its authors' badges in `authors`.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from ..conf import setting
from ..writing import rules
from ..writing.clients import client_address
from ..writing.sanitize import render_text
from .caching import forget_comments
from .models import Comment
from .targets import EDIT, closed_message, discussion_open

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


def prepare_comment(instance) -> None:
    """Before a comment is saved: render it once, keep no address, and
    serialise replies to a thread.

    xtd renumbers the rest of a thread when a reply is saved. Two replies saved
    at the same time could interleave that, so a new reply first locks its
    thread's root row: on PostgreSQL the second writer waits for the first. On
    SQLite, transactions begin IMMEDIATE (see the settings), which serialises
    writers anyway.
    """
    instance.ip_address = None
    if instance.is_public and instance.published_at is None:
        instance.published_at = instance.submit_date or timezone.now()
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
    """The end of the author's edit window: it runs from when readers could
    see the comment, so a comment a moderator held gets its whole window once
    it is published; while it waits, the window runs from sending."""
    start = comment.submit_date
    if comment.is_public and comment.published_at:
        start = max(start, comment.published_at)
    return start + timedelta(minutes=setting("COMMUNITY_EDIT_WINDOW"))


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
        return closed_message(comment.content_object, EDIT)
    return _(
        "Comments can be edited by their author only, within %(minutes)d "
        "minutes of being published."
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
    under an edited one. The discussion is purged here, as no signal is sent."""
    Comment.objects.filter(pk=instance.pk).update(**values)
    forget_comments(instance)
