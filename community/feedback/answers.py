"""Storing answers: one per page view, a comment by a one-time token, and how
long comments are kept.

A page view is known only by the random token the page's script makes when the
page loads; a keyed hash of it is kept in the cache for a while and maps to the
answer it gave, so a second click changes that answer instead of adding one.
Nothing ties a token to a person, and none is written to the database.
"""

import datetime
import re
import uuid

from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..conf import setting
from .models import Feedback

# A page view's token as the page's script makes it: random, hex or base64url.
VIEW_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")

_COMMENT_SALT = "theke.community.feedback.comment"


def record(
    face: str,
    *,
    channel: str,
    page=None,
    product=None,
    view: str = "",
    today: datetime.date | None = None,
) -> Feedback:
    """Store a click; a further click from the same page view changes its answer.

    Two clicks of one view at the same moment may both miss the cache; the one
    that claims the view's key first keeps its answer, the other hands it its
    face and removes its own.
    """
    key = _view_key(view) if view else None
    place = {"channel": channel, "page": page, "product": product}
    if key:
        earlier = _answer_of_view(key, place)
        if earlier is not None:
            return _change_face(earlier, face)
    answer = Feedback.objects.create(
        face=face, day=today or timezone.localdate(), **place
    )
    timeout = setting("COMMUNITY_FEEDBACK_VIEW_SECONDS")
    if key and not cache.add(key, str(answer.pk), timeout=timeout):
        earlier = _answer_of_view(key, place)
        if earlier is not None and earlier.pk != answer.pk:
            answer.delete()
            return _change_face(earlier, face)
        # The token came from a view of another page: it starts afresh here.
        cache.set(key, str(answer.pk), timeout=timeout)
    return answer


def _view_key(view: str) -> str:
    digest = salted_hmac("theke.community.feedback.view", view).hexdigest()
    return f"community:feedback:view:{digest}"


def _answer_of_view(key: str, place: dict) -> Feedback | None:
    pk = cache.get(key)
    if pk is None:
        return None
    return Feedback.objects.filter(pk=pk, **place).first()


def _change_face(answer: Feedback, face: str) -> Feedback:
    Feedback.objects.filter(pk=answer.pk).update(face=face)
    answer.face = face
    return answer


def comment_token(answer: Feedback) -> str:
    """The token that lets whoever gave `answer` add its comment, for a while.

    It goes into the response to the click only: never into a cookie or a URL,
    where a log could tie it to an address.
    """
    return signing.dumps(str(answer.pk), salt=_COMMENT_SALT)


class TokenExpired(Exception):
    """The token is ours but older than COMMUNITY_FEEDBACK_COMMENT_SECONDS."""


def answer_of_token(token: str) -> Feedback | None:
    """The answer a comment token names; None if it names none.

    Raises TokenExpired for a genuine token whose time has passed, so the
    reader learns why rather than being told the token is wrong.
    """
    try:
        pk = signing.loads(
            token,
            salt=_COMMENT_SALT,
            max_age=setting("COMMUNITY_FEEDBACK_COMMENT_SECONDS"),
        )
    except signing.SignatureExpired:
        raise TokenExpired from None
    except signing.BadSignature:
        return None
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        return None
    return Feedback.objects.filter(pk=pk).first()


def add_comment(answer: Feedback, text: str) -> bool:
    """Store the comment of an answer that has none; False if it has one."""
    stored = Feedback.objects.filter(pk=answer.pk, comment="").update(comment=text)
    if stored:
        answer.comment = text
    return bool(stored)


def purge_old_comments(today: datetime.date | None = None) -> int:
    """Blank the comments kept longer than COMMUNITY_FEEDBACK_KEEP_COMMENT_DAYS;
    how many. The answers stay, for the trend."""
    today = today or timezone.localdate()
    oldest_kept = today - datetime.timedelta(
        days=setting("COMMUNITY_FEEDBACK_KEEP_COMMENT_DAYS")
    )
    return (
        Feedback.objects.filter(day__lt=oldest_kept).with_comments().update(comment="")
    )
