"""What topics, questions and answers share: a moderation state, why one is held."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.personal_data import Basis, PersonalData, Section

from .held import HeldReasonDisplay


class ModerationState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for moderation")
    SPAM = "spam", _("Spam")
    REJECTED = "rejected", _("Rejected")


# What every post carries about its moderation; comments keep it in fields of
# their own names (see community.discussions.models).
MODERATION = PersonalData(
    fields=("state", "held_reason"),
    section=Section.MODERATION,
    what=_(
        "Whether each of your posts is published, held back for a moderator, "
        "rejected or marked as spam, and which rule held it back."
    ),
    purpose=_(
        "To keep the discussions free of spam and abuse: new members' first "
        "posts, posts with many links and reported posts wait for a moderator."
    ),
    basis=Basis.LEGITIMATE_INTEREST,
    retention=_(
        "As long as the post exists. Rejected posts and spam stay hidden; "
        "nothing deletes them automatically."
    ),
    seen_by=_("Moderators; you are told when a post of yours waits for them."),
)


class ModeratedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ModerationState.PUBLISHED)

    def visible_to(self, user):
        """Published posts, and the member's own ones that wait for a moderator."""
        if user is None or not user.is_authenticated:
            return self.published()
        return self.filter(
            models.Q(state=ModerationState.PUBLISHED)
            | models.Q(state=ModerationState.PENDING, author=user)
        )

    def public_by(self, user):
        """The member's published posts of this kind."""
        return self.published().filter(author=user)


class Moderated(HeldReasonDisplay, models.Model):
    """A post a member writes that a moderator may hold, publish or reject.

    Concrete models add an `author` foreign key to the user who wrote it.
    """

    state = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.PUBLISHED,
    )
    held_reason = models.CharField(_("why it is held"), max_length=200, blank=True)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A post published, also in its admin form, is held by nothing: its
        old reason is cleared so that nobody reads it as current."""
        if self.state == ModerationState.PUBLISHED and self.held_reason:
            self.held_reason = ""
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "held_reason"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.state == ModerationState.PUBLISHED
