"""Storing a posted comment, and a guest's confirmation, in place of xtd's own.

xtd's receiver of `comment_was_posted` stores a member's comment and mails a
guest its English confirmation request, and xtd mails followers itself, in the
request. Theke replaces that receiver (see `install`): a member's comment is
stored and, once public, handed to `notifications.comment_published`; a guest
gets the confirmation request in Theke's words and their language, sent by a
task after commit. Confirming goes through `confirm_guest_comment`, which
stores the comment and notifies the same way; xtd never mails anyone.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_comments.signals import comment_was_posted
from django_comments_xtd import signals as xtd_signals
from django_comments_xtd import signed
from django_comments_xtd.models import TmpXtdComment

from . import mail, notifications
from .comments import check_parent, discussion_open, xtd_setting
from .conf import setting
from .models import Comment, Topic


def install() -> None:
    """Swap xtd's receiver of posted comments for ours."""
    from django_comments_xtd import views as xtd_views

    comment_was_posted.disconnect(xtd_views.on_comment_was_posted, sender=TmpXtdComment)
    comment_was_posted.connect(
        on_comment_posted, sender=TmpXtdComment, dispatch_uid="theke_comment_posted"
    )


def guests_confirm() -> bool:
    """Whether a guest's comment waits for the link in a mail (xtd's setting)."""
    return bool(xtd_setting("COMMENTS_XTD_CONFIRM_EMAIL"))


def on_comment_posted(sender, comment, request, **kwargs):
    """Store a member's comment at once; ask a guest to confirm theirs first."""
    member = comment.user if comment.user and comment.user.is_authenticated else None
    if member is None and guests_confirm():
        queue_confirmation_request(comment, request)
        return
    if existing(comment) is not None:  # the same post twice: keep the first
        return
    saved = Comment(**comment)
    saved.save()
    comment.xtd_comment = saved
    xtd_signals.confirmation_received.send(
        sender=TmpXtdComment, comment=comment, request=request
    )
    if member is not None:
        notifications.remember_language(member, translation.get_language())
    if saved.is_public:
        notifications.comment_published(saved, request)


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
        if isinstance(target, Topic) and target.is_closed:
            message = _(
                "This topic was closed before you confirmed your comment; it was "
                "not published."
            )
        else:
            message = _(
                "This page stopped taking comments before you confirmed yours; it "
                "was not published."
            )
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

    Returns (None, False) when a receiver of xtd's `confirmation_received`
    discards it. Confirming twice finds the comment of the first time, even
    once the link has expired. Raises ConfirmationRefused when the comment can
    no longer be published (see `check_confirmation`).
    """
    with transaction.atomic():
        found = existing(tmp_comment)
        if found is not None:
            return found, False
        check_confirmation(tmp_comment)
        responses = xtd_signals.confirmation_received.send(
            sender=TmpXtdComment, comment=tmp_comment, request=request
        )
        if any(response is False for __, response in responses):
            return None, False
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
