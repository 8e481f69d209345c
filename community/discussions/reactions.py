"""Members' one-click reactions to comments: counts, "mine", and the toggle."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..writing import rules
from ..writing.clients import client_address
from .caching import forget_comments
from .models import Reaction
from .targets import discussion_visible

KINDS = [kind for kind, __ in Reaction.Kind.choices]
LABELS = dict(Reaction.Kind.choices)


@dataclass
class ReactionState:
    """One reaction under a comment: how many gave it, and whether the reader did."""

    kind: str
    label: str
    count: int = 0
    pressed: bool = False


def with_reaction_counts(comments):
    """Annotate each comment with the count of every kind of reaction, so the
    comments and their reactions come in one query (`states_of` reads them)."""
    return comments.annotate(
        **{
            f"reactions_{kind}": Coalesce(
                Subquery(
                    Reaction.objects.filter(comment_id=OuterRef("pk"), kind=kind)
                    .order_by()
                    .values("comment_id")
                    .annotate(total=Count("pk"))
                    .values("total")
                ),
                0,
                output_field=IntegerField(),
            )
            for kind in KINDS
        }
    )


def states_of(comment) -> list:
    """Every kind of reaction with its count, from `with_reaction_counts`."""
    return [
        ReactionState(kind, LABELS[kind], getattr(comment, f"reactions_{kind}"))
        for kind in KINDS
    ]


def refusal(user, comment, kind) -> str:
    """Why `user` may not give `comment` this reaction, or "" if they may."""
    if kind not in LABELS:
        return _("There is no such reaction.")
    if not user.is_authenticated:
        return _("Please log in to react to comments.")
    if comment.is_removed:
        return _("This comment was deleted; it takes no reactions.")
    if not comment.is_public:
        return _("This comment is not published; it takes no reactions.")
    if comment.user_id == user.pk:
        return _("You cannot react to your own comment.")
    if not discussion_visible(comment.content_object):
        return _("This discussion is not public; its comments take no reactions.")
    return ""


def may_react(user, comment) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and comment.user_id != user.pk
        and comment.is_public
        and not comment.is_removed
    )


RATE_LIMITED = _("You are reacting very quickly. Please wait a minute, then try again.")


def within_rate_limit(request) -> bool:
    """Count one reaction of the member and their address; False once over
    COMMUNITY_REACTION_RATE_LIMIT. Giving and taking back both count."""
    return rules.check_rate_limit(
        f"user:{request.user.pk}",
        client_address(request),
        setting_name="COMMUNITY_REACTION_RATE_LIMIT",
        scope="reaction",
    )


def toggle(user, comment, kind) -> ReactionState:
    """Give the reaction, or take it back if given; the comment's new state of it.

    Two clicks at once end in one reaction or none, never two: the unique
    constraint refuses the second insert, which then counts as given.
    """
    with transaction.atomic():
        deleted, __ = Reaction.objects.filter(
            comment=comment, user=user, kind=kind
        ).delete()
        pressed = not deleted
        if pressed:
            try:
                with transaction.atomic():
                    Reaction.objects.create(comment=comment, user=user, kind=kind)
            except IntegrityError:
                pass
        forget_comments(comment, counted=False)
    count = Reaction.objects.filter(comment=comment, kind=kind).count()
    return ReactionState(kind, LABELS[kind], count, pressed)
