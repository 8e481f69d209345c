"""Comments and replies, reactions to them, and addresses that want no more mail."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments_xtd.models import XtdComment, XtdCommentManager
from wagtail.models import Page

from home.personal_data import Basis, NotStored, PersonalData, Section

from ..conf import setting
from ..writing.held import HeldReasonDisplay
from ..writing.moderated import MODERATION

# Held back and not yet decided on: neither public nor deleted, rejected or spam.
PENDING = models.Q(
    is_public=False, is_removed=False, is_spam=False, rejected_at__isnull=True
)


def pending_by(reader) -> models.Q:
    """The reader's own comments that wait for a moderator; none for a guest,
    so what every anonymous reader gets stays the same."""
    if reader is None or not reader.is_authenticated:
        return models.Q(pk__in=[])
    return PENDING & models.Q(user_id=reader.pk)


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

    def pending(self):
        """Comments held back for a moderator and not yet decided on."""
        return self.filter(PENDING)

    def public_or_pending(self):
        """Comments that are public or may still be: not deleted, rejected or spam."""
        return self.filter(models.Q(is_public=True) | PENDING, is_removed=False)

    def shown(self, reader=None):
        """The comments a discussion shows: public ones, each thread's root
        (a hidden root stands as a placeholder above its public replies), and
        to a member their own comments that wait for a moderator."""
        return self.filter(
            models.Q(is_public=True) | models.Q(level=0) | pending_by(reader)
        )

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


# Comments keep most of what they hold in the columns of django-comments and
# xtd, which `community.personal_data` declares with these same words.
COMMENT_TEXT = PersonalData(
    fields=("comment", "submit_date"),
    section=Section.COMMENTS,
    what=_("What you write in a comment, where and when."),
    purpose=_("To show your comment in its discussion."),
    basis=Basis.CONTRACT,
    retention=_(
        "As long as the comment is online. Deleting a comment erases its text at "
        "once and leaves “deleted comment” in its place; an edited comment keeps "
        "only its new text. A guest's comment is stored only once the guest "
        "confirms it from the link in the mail."
    ),
    seen_by=_(
        "Everyone, once it is published; moderators also while it waits for them."
    ),
)
COMMENT_AUTHOR = PersonalData(
    fields=("user", "user_name", "user_email"),
    section=Section.COMMENTS,
    what=_(
        "Who wrote a comment: a member's account with their public name and "
        "e-mail address as they were then, or the name and e-mail address a "
        "guest gave."
    ),
    purpose=_(
        "To show the name with the comment, to send the mail asked for (a "
        "guest's confirmation, replies) and to recognise a writer's posts for "
        "moderation."
    ),
    basis=Basis.CONTRACT,
    retention=_(
        "As long as the comment exists, also after its text is deleted or the "
        "member's account is deleted, unless you ask for it to be removed."
    ),
    seen_by=_(
        "The name: everyone. The e-mail address: nobody but staff allowed to "
        "see members' addresses."
    ),
)
NO_ADDRESS = NotStored(
    fields=("ip_address",),
    what=_("Your IP address with comments"),
    why=_("Theke erases it before a comment is stored."),
)
NO_WEBSITE = NotStored(
    fields=("user_url",),
    what=_("A website with comments"),
    why=_("The comment form does not ask for one."),
)
FOLLOWING = PersonalData(
    fields=("followup",),
    section=Section.MAIL,
    what=_("Whether you want an e-mail when a discussion you took part in goes on."),
    purpose=_("To send you mail about new comments only if you asked for it."),
    basis=Basis.CONSENT,
    retention=_(
        "Until you stop following the discussion, from the link in each mail or "
        "on your profile."
    ),
    seen_by=_("Nobody; the site uses it when it sends mail."),
)


def _address_hash_retention() -> str:
    days = setting("COMMUNITY_KEEP_ADDRESS_HASH_DAYS")
    if days <= 0:
        return str(_("Not stored: this site is set to keep none."))
    return ngettext(
        "%(days)d day; then it is erased.",
        "%(days)d days; then it is erased.",
        days,
    ) % {"days": days}


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

    personal_data = (
        COMMENT_TEXT.on("body_html", "edited_at"),
        MODERATION.on("held_reason", "is_spam", "rejected_at"),
        PersonalData(
            fields=("address_hash",),
            section=Section.MODERATION,
            what=_(
                "With comments, a keyed hash of your IP address: a code that "
                "tells posts from the same connection apart, never the address "
                "itself."
            ),
            purpose=_("To recognise abuse that comes from one connection."),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_address_hash_retention,
            seen_by=_("Nobody reads it; it cannot be turned back into the address."),
        ),
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("moderate_community", "Can moderate comments, topics and questions"),
            ("view_member_email", "Can see members' e-mail addresses"),
        ]

    @property
    def is_pending(self) -> bool:
        """Whether it waits for a moderator, as `CommentQuerySet.pending()` finds."""
        return not (
            self.is_public
            or self.is_removed
            or self.is_spam
            or self.rejected_at is not None
        )


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

    personal_data = (
        PersonalData(
            fields=("email", "created_at"),
            section=Section.MAIL,
            what=_(
                "An e-mail address that asked for no more mail about one "
                "discussion, and when."
            ),
            purpose=_("So that this address gets no more mail about it."),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_(
                "Until you follow that discussion again; it is not deleted "
                "automatically."
            ),
            seen_by=_("Nobody; the site uses it when it sends mail."),
        ),
    )

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

    personal_data = (
        PersonalData(
            fields=("user", "kind", "created_at"),
            section=Section.REACTIONS,
            what=_("Which comments you found helpful or thanked for."),
            purpose=_("To count the reactions and let you take yours back."),
            basis=Basis.CONTRACT,
            retention=_(
                "Until you take the reaction back, or the comment or your "
                "account is deleted."
            ),
            seen_by=_("Others see only how many reacted, not who."),
        ),
    )

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
