"""What moderators do to posts in the queue: approve, reject, mark as spam, dismiss
reports; each change logged in Wagtail's history.

Every action writes with QuerySet.update(): saving a comment would run xtd's
pre_save receiver, which publishes or withdraws every reply below it too. No
signal tells the page cache, so each change to a comment purges its
discussion here.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from home.ids import parse_id

from ..board.models import Topic
from ..board.topics import purge_topic
from ..discussions import notifications
from ..discussions.caching import forget_comments
from ..discussions.models import Comment
from ..questions.models import ProductAnswer, ProductQuestion
from ..questions.questions import notify_asker, purge_question
from ..writing.moderated import ModerationState
from .queue import KINDS, Kind, load_items, open_reports

APPROVE = "approve"
REJECT = "reject"
MARK_SPAM = "spam"
DISMISS = "dismiss"
ACTIONS = {
    APPROVE: _("Approve"),
    REJECT: _("Reject"),
    MARK_SPAM: _("Mark as spam"),
    DISMISS: _("Dismiss reports"),
}


# Registered with Wagtail's log in wagtail_hooks.py: (action, label, message).
LOG_ACTIONS = {
    APPROVE: ("theke.moderation.approve", _("Moderation: approve"), _("Approved")),
    REJECT: ("theke.moderation.reject", _("Moderation: reject"), _("Rejected")),
    MARK_SPAM: (
        "theke.moderation.spam",
        _("Moderation: mark as spam"),
        _("Marked as spam"),
    ),
    DISMISS: (
        "theke.moderation.dismiss",
        _("Moderation: dismiss reports"),
        _("Reports dismissed"),
    ),
}


def parse_keys(values) -> dict:
    """{kind: [pk, …]} from "<kind>:<pk>" strings; anything else is ignored."""
    keys = defaultdict(list)
    for value in values:
        kind_name, __, pk = str(value).partition(":")
        if kind_name in KINDS and (number := parse_id(pk)) is not None:
            keys[kind_name].append(number)
    return dict(keys)


@dataclass
class Outcome:
    """What an action did: how many posts it changed, and the comments and
    answers it published."""

    action: str
    count: int = 0
    published_comments: list = field(default_factory=list)
    published_answers: list = field(default_factory=list)


def act(action: str, keys: dict, user, request=None) -> Outcome:
    """Apply `action` to the posts named in `keys`, log each with the moderator.

    All or nothing: the changes and their log entries are written in one
    transaction. Members are told about published comments, and askers about
    published answers, after it commits.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown moderation action: {action!r}")
    outcome = Outcome(action)
    now = timezone.now()
    with transaction.atomic():
        items = load_items(keys)
        for (kind_name, __), item in items.items():
            kind = KINDS[kind_name]
            resolved = _resolve_reports(kind, item, now)
            changed = HANDLERS[action](kind, item, now)
            if changed or resolved or action == DISMISS:
                outcome.count += 1
                _log(action, kind, item, user, resolved)
            if changed and action == APPROVE and kind.model is Comment:
                outcome.published_comments.append(item)
            if changed and action == APPROVE and kind.model is ProductAnswer:
                outcome.published_answers.append(item)
        if outcome.published_comments:
            for comment in outcome.published_comments:
                notifications.comment_published(comment, request=request)
        if outcome.published_answers:
            # As for an answer published right away; an approved question
            # mails nobody, its asker knows it.

            for answer in outcome.published_answers:
                notify_asker(request, answer)
    return outcome


def _resolve_reports(kind: Kind, item, now) -> int:
    if kind.report_field is None:
        return 0
    return open_reports().filter(**{kind.report_field: item}).update(resolved_at=now)


def _set_state(kind: Kind, item, state) -> bool:
    values = {"state": state}
    if state == ModerationState.PUBLISHED:
        # Published, it is held by nothing: the old reason would read as current.
        values["held_reason"] = ""
    changed = (
        kind.model._default_manager.filter(pk=item.pk)
        .exclude(state=state)
        .update(**values)
    )
    for name, value in values.items():
        setattr(item, name, value)
    if changed:
        _purge(item)
    return bool(changed)


def _purge(item) -> None:
    """Purge the pages that show a topic, question or answer whose state changed."""
    if isinstance(item, Topic):
        purge_topic(item)
    elif isinstance(item, ProductQuestion):
        purge_question(item)
    elif isinstance(item, ProductAnswer):
        purge_question(item.question)


def _approve(kind: Kind, item, now) -> bool:
    if kind.model is not Comment:
        changed = _set_state(kind, item, ModerationState.PUBLISHED)
        if changed and kind.model is Topic:
            # A topic let through for the first time is news on the board; one
            # published again after reports keeps its place.
            Topic.objects.filter(pk=item.pk, first_published_at__isnull=True).update(
                first_published_at=now, last_activity_at=now
            )
        return changed
    if item.is_public and not item.is_spam:
        return False
    # Only this comment: held replies below it wait for their own decision.
    # Published, it is held by nothing: the old reason would read as current.
    Comment.objects.filter(pk=item.pk).update(
        is_public=True,
        is_spam=False,
        rejected_at=None,
        held_reason="",
        published_at=now,
    )
    item.is_public, item.is_spam, item.rejected_at = True, False, None
    item.held_reason, item.published_at = "", now
    forget_comments(item)
    if item.content_type_id == ContentType.objects.get_for_model(Topic).pk:
        # The signal that moves a topic up on a reply fires on save() only.
        Topic.objects.filter(
            pk=item.object_pk, last_activity_at__lt=item.submit_date
        ).update(last_activity_at=item.submit_date)
    return True


def _reject(kind: Kind, item, now) -> bool:
    if kind.model is not Comment:
        return _set_state(kind, item, ModerationState.REJECTED)
    if item.rejected_at is not None and not item.is_public:
        return False
    Comment.objects.filter(pk=item.pk).update(
        is_public=False, is_spam=False, rejected_at=now
    )
    item.is_public, item.is_spam, item.rejected_at = False, False, now
    forget_comments(item)
    return True


def _mark_spam(kind: Kind, item, now) -> bool:
    if kind.model is not Comment:
        return _set_state(kind, item, ModerationState.SPAM)
    if item.is_spam and not item.is_public:
        return False
    Comment.objects.filter(pk=item.pk).update(is_public=False, is_spam=True)
    item.is_public, item.is_spam = False, True
    forget_comments(item)
    return True


def _dismiss(kind: Kind, item, now) -> bool:
    return False


HANDLERS = {
    APPROVE: _approve,
    REJECT: _reject,
    MARK_SPAM: _mark_spam,
    DISMISS: _dismiss,
}


def log_title(kind: Kind, item) -> str:
    """The log entry's label: kind and the start of the text, never an address."""
    if isinstance(item, Comment):
        text = item.comment
    elif isinstance(item, Topic):
        text = item.title
    else:
        text = item.text
    return f"{kind.label}: {Truncator(' '.join(text.split())).chars(60)}"


def _log(action: str, kind: Kind, item, user, resolved_reports: int):
    log(
        item,
        LOG_ACTIONS[action][0],
        user=user,
        title=log_title(kind, item),
        data={"kind": kind.name, "resolved_reports": resolved_reports},
    )
