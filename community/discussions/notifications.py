"""E-mail about discussions: replies to followers, new comments to a post's author.

`comment_published` is called once a comment becomes public: a member's right
after posting (unless a rule held it), a guest's when they confirm it, a held
one when a moderator approves it. It queues one mail per address, never to the
comment's own author, never to an address that unsubscribed from the
discussion, each in the recipient's language where it is known.

Every mail carries a signed link that unsubscribes its recipient from that one
discussion without a login. The link names a comment of theirs (followers) or
their account (authors of the post), never an e-mail address, so a forwarded
or logged link shows nobody's address.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.functional import lazy

from blog.models import BlogPage, ProducerPage
from shop_link.models import Product

from .. import mail
from ..mail import absolute, current_site, mail_language, site_name, site_root
from ..members.models import Profile
from ..members.names import chosen_name, public_name, real_name
from .models import Comment, Unsubscription
from .targets import is_own_target, target_url
from .threads import comment_url

SALT = "theke.community.unsubscribe"

# A header value mail clients post to the unsubscribe address (RFC 8058).
ONE_CLICK = "List-Unsubscribe=One-Click"

FOLLOWER = "follower"
AUTHOR = "author"


@dataclass(frozen=True)
class Recipient:
    email: str
    kind: str  # FOLLOWER or AUTHOR
    token: str
    language: str = ""
    name: str = ""


@dataclass(frozen=True)
class Subscription:
    """Whom an unsubscribe link stands for: an address and a discussion."""

    email: str
    target: object


def comment_published(comment, request=None) -> None:
    """Queue the mails a newly public comment causes; sent after commit."""
    if not comment.is_public or comment.is_removed or getattr(comment, "is_spam", 0):
        return
    target = comment.content_object
    if target is None:
        return
    if comment.followup:
        # Following again is a newer choice than an earlier unsubscribe.
        Unsubscription.objects.filter(
            email=normalise(comment.user_email), **_target_fields(target)
        ).delete()
    name = author_name(comment)  # loads the author recipients_for asks of
    recipients = recipients_for(comment, target)
    if not recipients:
        return

    site = current_site(request)
    root = site_root(site=site)
    permalink = absolute(comment_url(comment, request), root=root)
    context = {
        "comment": comment,
        "author_name": name,
        "text": comment.comment,
        "target": target,
        "title": title_of(target),
        "is_product": _is_product(target),
        "permalink": permalink,
        "shop_name": site_name(site=site),
    }
    mails = []
    for recipient in recipients:
        unsubscribe_url = absolute(
            reverse("community_unsubscribe", args=[recipient.token]), root=root
        )
        mails.append(
            mail.compose(
                recipient.email,
                f"community/email/new_comment_{recipient.kind}",
                {
                    **context,
                    "recipient_name": recipient.name,
                    "unsubscribe_url": unsubscribe_url,
                },
                language=recipient.language or settings.LANGUAGE_CODE,
                headers=unsubscribe_headers(unsubscribe_url),
            )
        )
    mail.queue(mails)


def author_name(comment):
    """The comment's author as the discussion names them, not as stored with
    the comment: older comments of staff were stored as "Member". Worded in
    each mail's language (a team name says "from the … team").

    The author is loaded with what their name needs, unless the caller has
    them already (the comment view and the moderation queue do).
    """
    if not comment.user_id:
        return comment.user_name
    if not Comment.user.is_cached(comment):
        user = (
            get_user_model()
            .objects.select_related("profile", "author")
            .filter(pk=comment.user_id)
            .first()
        )
        if user is None:
            return comment.user_name
        comment.user = user
    return lazy(public_name, str)(comment.user)


def recipients_for(comment, target) -> list[Recipient]:
    """Followers of the discussion, then the post's authors; one entry per address.

    A member's mail goes to their account's current address, a guest's to the
    one they gave; nobody is told of their own comment or after unsubscribing.
    """
    fields = _target_fields(target)
    excluded = {normalise(comment.user_email)}
    if comment.user_id and comment.user.email:
        excluded.add(normalise(comment.user.email))
    excluded |= set(
        Unsubscription.objects.filter(**fields).values_list("email", flat=True)
    )

    followers = (
        Comment.objects.filter(
            **fields, is_public=True, is_removed=False, is_spam=False, followup=True
        )
        .exclude(pk=comment.pk)
        .exclude(user__is_active=False)
        .order_by("-submit_date", "-pk")
        .values_list("pk", "user_email", "user_name", "user_id", "user__email")
    )
    # address -> (email, kind, token, user id, name to greet)
    chosen: dict[str, tuple] = {}
    for pk, email, name, user_id, account_email in followers:
        email = account_email or email
        address = normalise(email)
        if address and address not in excluded and address not in chosen:
            token = make_token(target, comment_pk=pk)
            chosen[address] = (email, FOLLOWER, token, user_id, name)
    for user in post_authors(target):
        address = normalise(user.email)
        if address and address not in excluded and address not in chosen:
            token = make_token(target, user_pk=user.pk)
            chosen[address] = (user.email, AUTHOR, token, user.pk, "")

    user_ids = [entry[3] for entry in chosen.values() if entry[3]]
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=user_ids)
    }
    recipients = []
    for email, kind, token, user_id, name in chosen.values():
        profile = profiles.get(user_id)
        recipients.append(
            Recipient(
                email=email,
                kind=kind,
                token=token,
                language=mail_language(profile),
                name=chosen_name(profile) if profile else real_name(name),
            )
        )
    return recipients


def post_authors(target) -> list:
    """The active accounts that wrote what is being discussed, if any: a post's
    authors, a topic's starter, and the members who speak for a producer, for
    its page and its products."""
    user_model = get_user_model()
    if isinstance(target, BlogPage):
        users = user_model.objects.filter(
            author__isnull=False,
            author__pk__in=target.post_authors.values("author_id"),
        )
    elif isinstance(target, ProducerPage):
        users = user_model.objects.filter(profile__producer=target)
    elif isinstance(target, Product):
        # Those who speak for its producer, as they may answer its questions.
        if target.producer_id is None:
            return []
        users = user_model.objects.filter(profile__producer_id=target.producer_id)
    elif is_own_target(target):
        users = target.discussion_authors()
    else:
        return []
    return list(users.filter(is_active=True).exclude(email="").order_by("pk"))


# Unsubscribing


def make_token(target, comment_pk=None, user_pk=None) -> str:
    """A signed, non-expiring reference to a recipient and a discussion."""
    content_type = ContentType.objects.get_for_model(target)
    payload = {"t": [content_type.pk, str(target.pk)]}
    if comment_pk is not None:
        payload["c"] = comment_pk
    else:
        payload["u"] = user_pk
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str) -> Subscription | None:
    """The subscription a link stands for, or None if it is forged or stale."""
    try:
        payload = signing.loads(token, salt=SALT)
        content_type_id, object_pk = payload["t"]
        target = ContentType.objects.get_for_id(
            content_type_id
        ).get_object_for_this_type(pk=object_pk)
        if "c" in payload:
            guest_email, email = (
                Comment.objects.filter(
                    pk=payload["c"],
                    content_type_id=content_type_id,
                    object_pk=str(object_pk),
                )
                .values_list("user_email", "user__email")
                .get()
            )
            email = email or guest_email
        else:
            email = (
                get_user_model()
                .objects.filter(pk=payload["u"])
                .values_list("email", flat=True)
                .get()
            )
    except (signing.BadSignature, ObjectDoesNotExist, KeyError, TypeError, ValueError):
        return None
    if not email:
        return None
    return Subscription(email=email, target=target)


@transaction.atomic
def unsubscribe(subscription: Subscription) -> None:
    """No more mail about this discussion to this address, as follower or author."""
    fields = _target_fields(subscription.target)
    address = normalise(subscription.email)
    Comment.objects.filter(
        Q(user_email__iexact=address) | Q(user__email__iexact=address),
        **fields,
        followup=True,
    ).update(followup=False)
    Unsubscription.objects.get_or_create(email=address, **fields)


def unfollow(user, target) -> None:
    """A member stops following a discussion, from their profile."""
    Comment.objects.on(target).filter(user=user, followup=True).update(followup=False)
    if user.email:
        unsubscribe(Subscription(email=user.email, target=target))


@dataclass(frozen=True)
class Followed:
    """A discussion a member follows, as their profile lists it."""

    content_type_id: int
    object_pk: str
    title: str
    url: str
    # Followed only by comments that wait for a moderator: mail starts once
    # one of them is approved, as a held comment follows nothing yet.
    waiting: bool = False


def followed_by(user, request=None, limit=50) -> list[Followed]:
    """The discussions a member follows, the one they last wrote in first.

    A comment that waits for a moderator counts from when it was sent: the
    member asked to follow then, and finds the discussion here at once, marked
    as waiting until mail about it starts.
    """
    rows = list(
        Comment.objects.followed_by(user)
        .public_or_pending()
        .values("content_type_id", "object_pk")
        .annotate(last=Max("submit_date"), public=Count("pk", filter=Q(is_public=True)))
        .order_by("-last")[:limit]
    )
    wanted: dict[int, set] = {}
    for row in rows:
        wanted.setdefault(row["content_type_id"], set()).add(row["object_pk"])
    targets = {}
    for content_type_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for target in model._default_manager.filter(pk__in=pks):
            targets[(content_type_id, str(target.pk))] = target
    followed = []
    for row in rows:
        key = (row["content_type_id"], row["object_pk"])
        target = targets.get(key)
        if target is None or not getattr(target, "live", True):
            continue
        url = target_url(target, request)
        if url:
            followed.append(
                Followed(
                    *key,
                    title=title_of(target),
                    url=url,
                    waiting=not row["public"],
                )
            )
    return followed


def unsubscribe_headers(url: str) -> dict:
    """List-Unsubscribe with one-click POST (RFC 2369, RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": ONE_CLICK,
        "Auto-Submitted": "auto-generated",
    }


# Helpers


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def title_of(target) -> str:
    return str(getattr(target, "title", "") or target)


def _is_product(target) -> bool:

    return isinstance(target, Product)


def _target_fields(target) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(target),
        "object_pk": str(target.pk),
    }
