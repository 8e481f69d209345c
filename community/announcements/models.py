"""Announcements staff write for everyone or for those who chose an interest,
and which members dismissed which."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from home.personal_data import Basis, PersonalData, Section

from ..members.interests import interest_choices, label_of

EVERYONE = "everyone"


def audience_choices() -> list[tuple[str, str]]:
    return [(EVERYONE, _("Everyone")), *interest_choices()]


def validate_link(value: str) -> None:
    """A page of this site (/…) or a web address (https://…, http://…)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    if value.lower().startswith(("https://", "http://")) and len(value) > 8:
        return
    raise ValidationError(
        _(
            "Give a page of this site starting with “/” (e.g. /blog/) or a web "
            "address starting with https://."
        ),
        code="link",
    )


class AnnouncementQuerySet(models.QuerySet):
    def not_ended(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())


class Announcement(models.Model):
    """A short note at the top of every page, for a while, to its audience."""

    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_("One or two sentences, e.g. “Cheese tasting on Saturday at 11”."),
    )
    link = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("Optional: a page of this site (/blog/…) or a web address."),
    )
    link_text = models.CharField(
        _("link text"),
        max_length=60,
        blank=True,
        help_text=_("What the link says; “Read more” if left empty."),
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"))
    audience = models.CharField(
        _("audience"),
        max_length=40,
        choices=audience_choices,
        default=EVERYONE,
        help_text=_(
            "Everyone, logged in or not, or only the members who chose an interest."
        ),
    )
    blog_category = models.ForeignKey(
        "blog.BlogCategory",
        verbose_name=_("story category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Members who hid this category do not see the announcement."),
    )
    product_category = models.CharField(
        _("product category"),
        max_length=300,
        blank=True,
        help_text=_(
            "As the products' feed names it. Members who hid it do not see the "
            "announcement."
        ),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("link"), FieldPanel("link_text")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("blog_category"),
                FieldPanel("product_category"),
            ],
            heading=_("Who sees it"),
        ),
    ]

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["ends_at"])]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The end must come after the start.")}, code="order"
            )

    def is_shown_at(self, moment) -> bool:
        return self.starts_at <= moment < self.ends_at

    @property
    def audience_label(self):
        return _("Everyone") if self.audience == EVERYONE else label_of(self.audience)


class Dismissal(models.Model):
    """A member closed an announcement: it no longer shows to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="dismissals",
    )
    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="dismissals",
    )
    dismissed_at = models.DateTimeField(_("dismissed"), auto_now_add=True)

    personal_data = (
        PersonalData(
            fields=("user", "announcement", "dismissed_at"),
            section=Section.INTERESTS,
            what=_("Which announcements you closed while logged in."),
            purpose=_("So that an announcement you closed stays closed."),
            basis=Basis.CONTRACT,
            retention=_(
                "Until staff delete the announcement or your account is deleted."
            ),
            seen_by=_("Nobody: the site only uses it to leave the announcement out."),
        ),
    )

    class Meta:
        verbose_name = _("dismissed announcement")
        verbose_name_plural = _("dismissed announcements")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["user", "announcement"], name="dismissed_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.announcement_id}"
