"""Storing a posted comment, and a guest's confirmation, in place of xtd's own.

xtd's own comment views are not mounted, so none of its receivers runs: the
comment view hands the checked comment to `store`. A member's comment is
stored at once and, once public, handed to `notifications.comment_published`;
a guest gets the confirmation request in Theke's words and their language,
sent by a task after commit. Confirming goes through `confirm_guest_comment`,
which stores the comment and notifies the same way; xtd never mails anyone.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_comments_xtd import signed

from .. import mail
from ..conf import setting
from ..members.accounts import remember_language
from . import notifications
from .models import Comment
from .targets import (
    CONFIRM,
    check_parent,
    closed_message,
    discussion_open,
    xtd_setting,
)


def guests_confirm() -> bool:
    """Whether a guest's comment waits for the link in a mail (xtd's setting)."""
    return bool(xtd_setting("COMMENTS_XTD_CONFIRM_EMAIL"))


def store(comment, request):
    """Store a member's comment at once and return it; ask a guest to confirm
    theirs first (None). None, too, for the same post sent twice: the first
    is kept. Called inside the view's transaction."""
    comment.ip_address = None  # contrib-comments fills it in; Theke keeps none
    member = comment.user if comment.user and comment.user.is_authenticated else None
    if member is None and guests_confirm():
        queue_confirmation_request(comment, request)
        return None
    if existing(comment) is not None:
        return None
    saved = Comment(**comment)
    saved.save()
    if member is not None:
        remember_language(member, translation.get_language())
    if saved.is_public:
        notifications.comment_published(saved, request)
    return saved


def queue_confirmation_request(comment, request) -> mail.Mail:
    """Mail a guest the link that publishes their comment, in their language."""
    key = signed.dumps(
        comment, compress=True, extra_key=xtd_setting("COMMENTS_XTD_SALT")
    )
    url = reverse("comments-xtd-confirm", args=[key.decode()])
    target = comment.content_object
    return mail.queue_mail(
        comment.user_email,
        "community/email/comment_confirm",
        {
            "name": comment.user_name,
            "text": comment.comment,
            "title": notifications.title_of(target),
            "confirm_url": notifications.absolute(url, request),
            "shop_name": notifications.site_name(request),
        },
    )


def read_confirmation(key: str):
    """The guest's comment a confirmation link carries, or None if it is forged."""
    try:
        return signed.loads(str(key), extra_key=xtd_setting("COMMENTS_XTD_SALT"))
    except (ValueError, TypeError, signed.BadSignature):
        return None


class ConfirmationRefused(Exception):
    """A guest's confirmation that cannot publish their comment, and why."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def confirmation_expired(tmp_comment, now=None) -> bool:
    """Whether a confirmation link is older than COMMUNITY_CONFIRM_MAX_AGE.

    xtd's signed key carries no time of its own, but the comment it carries
    does: its submit_date is set when the guest posts and is covered by the
    signature, so it cannot be moved forward without breaking the link.
    """
    max_age = timedelta(seconds=setting("COMMUNITY_CONFIRM_MAX_AGE"))
    return (now or timezone.now()) - tmp_comment.submit_date > max_age


def check_confirmation(tmp_comment) -> None:
    """Raise ConfirmationRefused unless the comment may still be published.

    Between the mail and the click the link may have grown too old, the topic
    been closed, the page unpublished, or the comment replied to been deleted,
    hidden or never published: the same checks as when posting, run again.
    """
    if confirmation_expired(tmp_comment):
        raise ConfirmationRefused(
            _(
                "This confirmation link has expired, and your comment was not "
                "published. Please write it again; you will get a new link."
            ),
            status=410,
        )
    target = tmp_comment.content_object
    if target is None or not discussion_open(target):
        message = closed_message(target, CONFIRM)
        raise ConfirmationRefused(message, status=403)
    if tmp_comment.parent_id:
        try:
            check_parent(target, tmp_comment.parent_id)
        except ValidationError as error:
            reasons = " ".join(error.messages)
            raise ConfirmationRefused(
                _("%(reasons)s Your comment was not published.") % {"reasons": reasons},
                status=409,
            ) from error


def confirm_guest_comment(tmp_comment, request):
    """Store a confirmed guest comment; returns (comment, stored_now).

    Confirming twice finds the comment of the first time, even once the link
    has expired. Raises ConfirmationRefused when the comment can
    no longer be published (see `check_confirmation`).
    """
    with transaction.atomic():
        found = existing(tmp_comment)
        if found is not None:
            return found, False
        check_confirmation(tmp_comment)
        saved = Comment(**tmp_comment)
        saved.save()
        if saved.is_public:
            notifications.comment_published(saved, request)
    return saved, True


def existing(tmp_comment):
    """The comment stored from this very post before, as xtd recognises it."""
    return Comment.objects.filter(
        user_name=tmp_comment.user_name,
        user_email=tmp_comment.user_email,
        followup=tmp_comment.followup,
        submit_date=tmp_comment.submit_date,
    ).first()
