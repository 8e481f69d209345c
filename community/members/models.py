"""Who a member is to others: a public name, a picture, a producer they speak for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.personal_data import Basis, PersonalData, Section


class Profile(models.Model):
    """What a member shows of themselves: a public name and a picture, no e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    display_name = models.CharField(_("public name"), max_length=60)
    avatar = models.ImageField(
        _("picture"),
        upload_to="avatars/",
        blank=True,
        width_field="avatar_width",
        height_field="avatar_height",
    )
    avatar_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    avatar_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    producer = models.ForeignKey(
        "blog.ProducerPage",
        verbose_name=_("speaks for producer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("Shows a “producer” badge next to this member's posts."),
    )
    language = models.CharField(
        _("language for e-mails"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language the member last wrote in; mails use it."),
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    personal_data = (
        PersonalData(
            fields=("user", "display_name", "avatar", "avatar_width", "avatar_height"),
            section=Section.PROFILE,
            what=_("Your public name and, if you upload one, your picture."),
            purpose=_("So that others see who wrote a post."),
            basis=Basis.CONTRACT,
            retention=_(
                "Until your account is deleted. You change both, or remove the "
                "picture, on your profile at any time."
            ),
            seen_by=_("Everyone, next to your posts."),
        ),
        PersonalData(
            fields=("producer",),
            section=Section.PROFILE,
            what=_("That you speak for one of the shop's producers, if staff set it."),
            purpose=_(
                "To show a “producer” badge next to your posts and let you answer "
                "questions about that producer's products."
            ),
            basis=Basis.LEGITIMATE_INTEREST,
            retention=_("Until staff remove it or your account is deleted."),
            seen_by=_("Everyone, as the badge next to your posts."),
        ),
        PersonalData(
            fields=("language", "created_at"),
            section=Section.PROFILE,
            what=_("The language you last wrote in, and when you joined."),
            purpose=_("To write you e-mails in your language."),
            basis=Basis.CONTRACT,
            retention=_("Until your account is deleted."),
            seen_by=_("Staff in the admin's list of members."),
        ),
    )

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name

    @property
    def initials(self):
        parts = [part for part in self.display_name.split() if part[:1].isalnum()]
        return "".join(part[0] for part in parts[:2]).upper() or "?"
