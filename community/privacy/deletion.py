"""A member deletes their account: nothing of theirs is left behind.

Their posts go, or stay under a shared "former member" account that holds
nothing about anyone; their reports, reactions, choices, addresses and the
mail to them that waits for the mail server are deleted; their sessions end;
log entries that name them or quote their posts are made anonymous; their
counters leave the cache.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q
from django_comments.models import CommentFlag
from wagtail.models import ModelLogEntry, PageLogEntry

from ..board.models import Topic
from ..discussions.caching import forget_discussions_of
from ..discussions.models import Comment, Reaction, Unsubscription
from ..mail.models import LateMail
from ..members.names import FORMER_MEMBER
from ..questions.models import ProductAnswer, ProductQuestion
from ..reports.models import Report
from ..writing.rules import current_counter_keys
from .export import addresses_of

KEEP = "keep"
REMOVE = "remove"
# Rate-limit counters kept per member (see community.writing.rules).
RATE_SCOPES = (
    ("", "COMMUNITY_RATE_LIMIT"),
    ("reaction", "COMMUNITY_REACTION_RATE_LIMIT"),
    ("similar", "COMMUNITY_SIMILAR_RATE_LIMIT"),
)


def former_member():
    """The one account that keeps the posts of members who left, nameless."""
    user, created = get_user_model().objects.get_or_create(
        username=FORMER_MEMBER,
        defaults={"email": "", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def delete_member(user, posts: str) -> None:
    """Delete `user` and everything about them; `posts` is KEEP or REMOVE."""
    addresses = addresses_of(user)
    names = _names(user)
    posts_of = _posts_of(user)
    # Where their name, picture or reactions showed: rendered anew without them.
    forget_discussions_of(user.pk)
    _anonymise_logs(user, posts_of, addresses | names)
    comments = Comment.objects.filter(user=user)
    anonymous = {"user_email": "", "user_url": "", "ip_address": None}
    if posts == REMOVE:
        # Replies by others keep their place: the comment stays as "deleted".
        comments.update(
            comment="",
            body_html="",
            is_removed=True,
            followup=False,
            user_name=FORMER_MEMBER,
            user=former_member(),
            address_hash="",
            **anonymous,
        )
        for model in (Topic,):
            rows = model.objects.filter(author=user)
            _delete_discussions(model, rows)
            rows.delete()
        ProductAnswer.objects.filter(author=user).delete()
        ProductQuestion.objects.filter(author=user).delete()
    else:
        placeholder = former_member()
        comments.update(
            user=placeholder,
            user_name=FORMER_MEMBER,
            followup=False,
            address_hash="",
            **anonymous,
        )
        for model in (Topic, ProductQuestion, ProductAnswer):
            model.objects.filter(author=user).update(author=placeholder)
        ProductQuestion.objects.filter(author=placeholder).update(notify_asker=False)
    Report.objects.filter(user=user).delete()
    Reaction.objects.filter(user=user).delete()
    CommentFlag.objects.filter(user=user).delete()
    _by_address(Unsubscription, addresses).delete()
    _by_address(EmailAddress, addresses).delete()
    _by_address(LateMail, addresses, field="to").delete()
    _end_sessions(user)
    _forget_counters(user)
    user.delete()


def _names(user) -> set[str]:
    found = {user.username, user.get_full_name()}
    profile = getattr(user, "profile", None)
    if profile is not None:
        found.add(profile.display_name)
    return {name for name in found if name and len(name) >= 3}


def _posts_of(user) -> list[tuple[int, str]]:
    """(content type, id) of every post of the member, as log entries name them."""
    found = []
    for model in (Topic, ProductQuestion, ProductAnswer):
        content_type = ContentType.objects.get_for_model(model)
        found += [
            (content_type.pk, str(pk))
            for pk in model.objects.filter(author=user).values_list("pk", flat=True)
        ]
    comment_ids = [
        str(pk) for pk in Comment.objects.filter(user=user).values_list("pk", flat=True)
    ]
    for model in (Comment, *Comment._meta.get_parent_list()):
        content_type = ContentType.objects.get_for_model(
            model, for_concrete_model=False
        )
        found += [(content_type.pk, pk) for pk in comment_ids]
    return found


def _anonymise_logs(user, posts, words) -> None:
    """Log entries keep what was done, not by whom nor what a post said."""
    for model in (ModelLogEntry, PageLogEntry):
        model.objects.filter(user=user).update(user=None)
    about = Q(pk__in=[])
    for content_type, object_id in posts:
        about |= Q(content_type_id=content_type, object_id=object_id)
    for word in words:
        about |= Q(label__icontains=word)
    for entry in ModelLogEntry.objects.all().only("pk", "data", "label"):
        text = f"{entry.label} {entry.data}".lower()
        if any(word.lower() in text for word in words):
            about |= Q(pk=entry.pk)
    ModelLogEntry.objects.filter(about).update(label="", data={})
    PageLogEntry.objects.filter(_any_word(words)).update(data={})


def _any_word(words) -> Q:
    query = Q(pk__in=[])
    for word in words:
        query |= Q(data__icontains=word)
    return query


def _delete_discussions(model, rows) -> None:
    content_type = ContentType.objects.get_for_model(model)
    Comment.objects.filter(
        content_type=content_type,
        object_pk__in=[str(pk) for pk in rows.values_list("pk", flat=True)],
    ).delete()


def _by_address(model, addresses, field="email") -> models.QuerySet:
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return model.objects.filter(query)


def _end_sessions(user) -> None:
    """Log the member out everywhere: every session that names them goes."""
    doomed = [
        session.pk
        for session in Session.objects.all()
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()


def _forget_counters(user) -> None:
    """The member's rate-limit counters leave the cache."""
    cache.delete_many(
        [
            key
            for scope, setting_name in RATE_SCOPES
            for key in current_counter_keys(f"user:{user.pk}", setting_name, scope)
        ]
    )
