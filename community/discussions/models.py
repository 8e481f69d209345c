"""Comments and replies, reactions to them, and addresses that want no more mail."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment, XtdCommentManager
from wagtail.models import Page

from ..writing.held import HeldReasonDisplay


class CommentQuerySet(models.QuerySet):
    def on(self, target):
        """The comments on `target`, public or not, through the cached content type."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(target),
            object_pk=str(target.pk),
        )

    def public(self):
        """Comments readers can read: published and not deleted."""
        return self.filter(is_public=True, is_removed=False)

    def shown(self):
        """The comments a discussion shows: public ones and each thread's root
        (a hidden root stands as a placeholder above its public replies)."""
        return self.filter(models.Q(is_public=True) | models.Q(level=0))

    def followed_by(self, user):
        """The comments by which a member follows their discussions: their own,
        and those they wrote as a guest under their address, that ask for mail
        about later replies."""
        mine = models.Q(user=user)
        if user.email:
            mine |= models.Q(user_email__iexact=user.email)
        return self.filter(mine, followup=True)

    def public_by(self, user):
        """The member's comments that count as posts: public, not spam."""
        return self.public().filter(user=user, is_spam=False)


class CommentManager(XtdCommentManager.from_queryset(CommentQuerySet)):
    """xtd's manager (users and content types joined, threads in order) with
    Theke's questions to ask of comments."""


def with_comment_counts(queryset, name="comment_count"):
    """Annotate each object with its number of public, not deleted comments.

    One query for the whole listing: a subquery on the comments table by content
    type and object key. Pages use their own content type, so a queryset of
    mixed page types counts right.
    """
    model = queryset.model
    if issubclass(model, Page):
        content_type = models.OuterRef("content_type")
    else:
        content_type = ContentType.objects.get_for_model(model)
    counts = (
        Comment.objects.filter(
            content_type=content_type,
            object_pk=Cast(models.OuterRef("pk"), output_field=models.CharField()),
        )
        .public()
        .order_by()
        .values("object_pk")
        .annotate(total=models.Count("pk"))
        .values("total")
    )
    return queryset.annotate(
        **{
            name: Coalesce(
                models.Subquery(counts), 0, output_field=models.IntegerField()
            )
        }
    )


class Comment(HeldReasonDisplay, XtdComment):
    """A comment or reply, with its text rendered once when it is saved."""

    xtdcomment_ptr = models.OneToOneField(
        XtdComment,
        parent_link=True,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="theke_comment",
    )
    body_html = models.TextField(_("rendered text"), blank=True, editable=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    held_reason = models.CharField(
        _("why it is held"),
        max_length=200,
        blank=True,
        help_text=_("Set when a moderation rule held the post back."),
    )
    is_spam = models.BooleanField(_("spam"), default=False)
    address_hash = models.CharField(
        _("client address hash"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "A keyed hash of the sender's address, kept for a few days for abuse "
            "handling if the site is set to keep one; never the address itself."
        ),
    )
    rejected_at = models.DateTimeField(
        _("rejected"),
        null=True,
        blank=True,
        help_text=_("Set when a moderator rejected the comment; it stays hidden."),
    )

    objects = CommentManager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("moderate_community", "Can moderate comments, topics and questions"),
            ("view_member_email", "Can see members' e-mail addresses"),
        ]


class Unsubscription(models.Model):
    """An address that wants no more mail about one discussion.

    Followers are unsubscribed by turning xtd's `followup` off on their
    comments; this row also keeps a post's author from being told, and keeps a
    follower's later comments from mailing them until they follow again.
    """

    email = models.EmailField(_("e-mail address"))
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_pk = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("unsubscribed"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "content_type", "object_pk"],
                name="one_unsubscription_per_discussion",
            )
        ]
        verbose_name = _("unsubscription")
        verbose_name_plural = _("unsubscriptions")

    def __str__(self):
        return f"{self.content_type_id}:{self.object_pk}"


class Reaction(models.Model):
    """A member's one-click reaction to a comment."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", _("Helpful")
        THANKS = "thanks", _("Thanks")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reactions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("reaction"), max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user", "kind"], name="one_reaction_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind} on {self.comment_id}"
