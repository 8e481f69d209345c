"""What topics, questions and answers share: a moderation state, why one is held."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .held import HeldReasonDisplay


class ModerationState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for moderation")
    SPAM = "spam", _("Spam")
    REJECTED = "rejected", _("Rejected")


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
