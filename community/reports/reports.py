"""Members flag comments, topics and questions for a moderator, with a reason.

An item that collects `COMMUNITY_HIDE_AFTER_REPORTS` open reports from
different members is hidden until a moderator looks at it: a comment is
withdrawn, a topic or question goes back to "pending", each with a
`held_reason` saying why. Staff's own posts are never hidden this way.
"""

from django.db import IntegrityError, transaction
from django.http import Http404

from ..board.models import Topic
from ..conf import setting
from ..discussions.caching import forget_comments
from ..discussions.models import Comment
from ..discussions.targets import discussion_visible
from ..discussions.threads import comment_url
from ..questions.models import ProductQuestion
from ..writing import held
from ..writing.moderated import ModerationState
from .models import Report

KINDS = {"comment": Comment, "topic": Topic, "question": ProductQuestion}


class AlreadyReported(Exception):
    """The member has an open report on this item already."""


def reportable(kind: str, pk: int):
    """The published item of `kind` with `pk`, or Http404.

    A comment counts as published only where its discussion can be read.
    """
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    queryset = model._default_manager.all()
    if model is Comment:
        queryset = queryset.filter(is_public=True, is_removed=False)
    else:
        queryset = queryset.filter(state=ModerationState.PUBLISHED)
    item = queryset.filter(pk=pk).first()
    if item is None:
        raise Http404
    if model is Comment and not discussion_visible(item.content_object):
        raise Http404
    return item


def kind_of(item) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(item, model))


def author_id(item):
    return item.user_id if isinstance(item, Comment) else item.author_id


def is_own(user, item) -> bool:
    return user.is_authenticated and author_id(item) == user.pk


def open_reports(item):
    return Report.objects.filter(resolved_at__isnull=True, **{kind_of(item): item})


def has_reported(user, item) -> bool:
    return open_reports(item).filter(user=user).exists()


def file_report(user, item, reason: str, note: str = "") -> Report:
    """Store the member's report; AlreadyReported if one of theirs is open."""
    try:
        with transaction.atomic():
            if has_reported(user, item):
                raise AlreadyReported
            report = Report.objects.create(
                user=user, reason=reason, note=note, **{kind_of(item): item}
            )
            hide_if_reported_enough(item)
    except IntegrityError as error:
        raise AlreadyReported from error
    return report


def hide_if_reported_enough(item) -> bool:
    """Hide `item` pending moderation once enough members reported it."""
    limit = setting("COMMUNITY_HIDE_AFTER_REPORTS")
    if not limit:
        return False
    reporters = open_reports(item).values("user").distinct().count()
    if reporters < limit or _by_staff(item):
        return False
    reason = held.REPORTED
    if isinstance(item, Comment):
        # update(), not save(): xtd's receiver would withdraw the replies too.
        Comment.objects.filter(pk=item.pk).update(is_public=False, held_reason=reason)
        forget_comments(item)
    else:
        type(item).objects.filter(pk=item.pk).update(
            state=ModerationState.PENDING, held_reason=reason
        )
    return True


def _by_staff(item) -> bool:
    author = item.user if isinstance(item, Comment) else item.author
    return author is not None and author.is_staff


def item_url(item, request=None) -> str:
    """Where the reported item is read."""
    if isinstance(item, Comment):
        return comment_url(item, request)
    if isinstance(item, ProductQuestion):
        url = item.product.get_absolute_url()
        return f"{url}#question-{item.pk}" if url else ""
    return item.get_absolute_url()


def excerpt(item) -> str:
    """A few words of the item, to show the reporter what they flag."""
    if isinstance(item, Topic):
        return item.title
    text = item.comment if isinstance(item, Comment) else item.text
    return " ".join(text.split())[:200]
