"""Who a member is to others (a public name, a picture, a producer they speak
for) and what they told the shop: interests, consents, hidden categories."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.personal_data import Basis, PersonalData, Section

from .interests import BY_KEY, interest_choices, label_of


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


class MemberInterest(models.Model):
    """An interest a member chose and has not taken back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    interest = models.CharField(_("interest"), max_length=40, choices=interest_choices)
    chosen_at = models.DateTimeField(_("chosen"), auto_now_add=True)

    personal_data = (
        PersonalData(
            fields=("user", "interest", "chosen_at"),
            section=Section.INTERESTS,
            what=_("The interests you chose, and since when."),
            purpose=_(
                "To do what each interest's explanation says: show you matching "
                "stories and products under “For you” and announcements for it, "
                "and for “Tastings and events” invite you by e-mail."
            ),
            basis=Basis.CONSENT,
            retention=_(
                "Until you take the interest back, which removes it at once, or "
                "your account is deleted."
            ),
            seen_by=_(
                "You. Staff see only how many members chose each interest; only "
                "staff allowed to export it see who chose “Tastings and events”, "
                "to invite them."
            ),
        ),
    )

    class Meta:
        verbose_name = _("interest of a member")
        verbose_name_plural = _("interests of members")
        # Staff see counts, never who: no admin permission but the export's.
        default_permissions = ()
        permissions = [
            (
                "export_interest_audience",
                "Can export who chose an interest, for the purpose it names",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "interest"], name="one_interest_choice_per_member"
            )
        ]

    def __str__(self):
        return str(label_of(self.interest))


class ConsentQuerySet(models.QuerySet):
    def of(self, user):
        """The member's consents, newest first."""
        return self.filter(user=user).order_by("-at", "-pk")


class Consent(models.Model):
    """One consent given or withdrawn, with the wording the member saw.

    Rows are only ever added: the record says what a member agreed to and when,
    so changing one would falsify it. They go with the account.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    subject = models.CharField(
        _("what"), max_length=40, help_text=_("The interest the consent is about.")
    )
    given = models.BooleanField(_("given"), help_text=_("Unset: withdrawn."))
    at = models.DateTimeField(_("when"), default=timezone.now)
    text_version = models.PositiveSmallIntegerField(
        _("version of the explanation"),
        help_text=_("Which wording of the explanation the member saw."),
    )

    objects = ConsentQuerySet.as_manager()

    personal_data = (
        PersonalData(
            fields=("user", "subject", "given", "at", "text_version"),
            section=Section.INTERESTS,
            what=_(
                "Each time you chose or took back an interest: which one, when, "
                "and which wording of its explanation you saw."
            ),
            purpose=_(
                "To be able to show that the shop uses only what you agreed to "
                "(Art. 7 (1) GDPR)."
            ),
            basis=Basis.LEGAL_DUTY,
            retention=_("Until your account is deleted."),
            seen_by=_("You, on your interests page, and staff on your profile."),
        ),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        default_permissions = ()
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self):
        return f"{label_of(self.subject)}: {self.given}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A consent is recorded once and never changed.")
        super().save(*args, **kwargs)

    @property
    def subject_label(self):
        return label_of(self.subject)

    @property
    def wording(self) -> str | None:
        """The explanation the member saw when they gave or withdrew it."""
        interest = BY_KEY.get(self.subject)
        return interest.explanation_of(self.text_version) if interest else None


class HiddenCategory(models.Model):
    """A blog or product category a member never wants to see in listings."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="hidden_categories",
    )
    blog_category = models.ForeignKey(
        "blog.BlogCategory",
        verbose_name=_("story category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Product categories are words from the shops' feeds, not rows of their own.
    product_category = models.CharField(
        _("product category"), max_length=300, blank=True
    )
    hidden_at = models.DateTimeField(_("hidden"), auto_now_add=True)

    personal_data = (
        PersonalData(
            fields=("user", "blog_category", "product_category", "hidden_at"),
            section=Section.INTERESTS,
            what=_("The story and product categories you hid."),
            purpose=_("To leave them out of listings, the home page and your feed."),
            basis=Basis.CONTRACT,
            retention=_("Until you show them again or your account is deleted."),
            seen_by=_("You. Staff do not see them."),
        ),
    )

    class Meta:
        verbose_name = _("hidden category")
        verbose_name_plural = _("hidden categories")
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=(Q(blog_category__isnull=False) & Q(product_category=""))
                | (Q(blog_category__isnull=True) & ~Q(product_category="")),
                name="hidden_category_is_one_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "blog_category"],
                condition=Q(blog_category__isnull=False),
                name="hidden_blog_category_once",
            ),
            models.UniqueConstraint(
                fields=["user", "product_category"],
                condition=~Q(product_category=""),
                name="hidden_product_category_once",
            ),
        ]

    def __str__(self):
        return self.product_category or str(self.blog_category_id)


class InterestCategories(models.Model):
    """Which categories serve an interest: the part of the rule staff set.

    The rule itself is in `community.members.matching`; one row per interest,
    made by the migration that brings the interest.
    """

    interest = models.CharField(
        _("interest"), max_length=40, unique=True, choices=interest_choices
    )
    blog_categories = models.ManyToManyField(
        "blog.BlogCategory",
        verbose_name=_("story categories"),
        blank=True,
        related_name="+",
        help_text=_("Stories in these categories are shown to those who chose it."),
    )
    product_categories = models.JSONField(
        _("product categories"),
        default=list,
        blank=True,
        help_text=_("Products in these categories are shown to those who chose it."),
    )

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["pk"]

    def __str__(self):
        return str(label_of(self.interest))


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class PersonalFeed(models.Model):
    """The secret address of a member's own feed of stories, hidden categories
    left out; made only when the member asks for it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="personal_feed",
    )
    token = models.CharField(
        _("secret part of the address"),
        max_length=64,
        unique=True,
        default=new_feed_token,
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    personal_data = (
        PersonalData(
            fields=("user", "token", "created_at"),
            section=Section.INTERESTS,
            what=_("The secret address of your own feed, if you made one."),
            purpose=_(
                "So that your feed reader gets the stories without the categories "
                "you hid, without logging in."
            ),
            basis=Basis.CONTRACT,
            retention=_("Until you replace or remove it, or your account is deleted."),
            seen_by=_("You, and whoever you give the address to."),
        ),
    )

    class Meta:
        verbose_name = _("personal feed")
        verbose_name_plural = _("personal feeds")
        default_permissions = ()

    def __str__(self):
        return str(self.user_id)
