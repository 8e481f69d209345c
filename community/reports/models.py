"""Members' flags on comments, topics and questions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.personal_data import Basis, PersonalData, Section

from ..discussions.models import Comment


class Report(models.Model):
    """A member's flag on a comment, topic or question, with the reason."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        RUDE = "rude", _("Rude or hurtful")
        WRONG = "wrong", _("Wrong or misleading")
        PRIVATE = "private", _("Shares private data")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    topic = models.ForeignKey(
        "community.Topic",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    question = models.ForeignKey(
        "community.ProductQuestion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    personal_data = (
        PersonalData(
            fields=("user", "reason", "note", "created_at", "resolved_at"),
            section=Section.REPORTS,
            what=_("The posts you report, with the reason, your note and when."),
            purpose=_(
                "So that moderators look at the post; several reports hide it "
                "until they have."
            ),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_(
                "Also after a moderator has dealt with the report; until the "
                "post or your account is deleted."
            ),
            seen_by=_(
                "Moderators. The writer of the post is not told who reported it."
            ),
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", field],
                condition=models.Q(
                    resolved_at__isnull=True, **{f"{field}__isnull": False}
                ),
                name=f"one_open_report_per_user_and_{field}",
            )
            for field in ("comment", "topic", "question")
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return self.get_reason_display()

    @property
    def item(self):
        """What was reported: a comment, a topic or a question."""
        return self.comment or self.topic or self.question
