"""The board: its categories and the topics members start."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from home.navigation import live_page
from home.personal_data import Basis, PersonalData, Section

from ..discussions.models import with_comment_counts
from ..discussions.targets import CONFIRM, EDIT, REPLY
from ..members.names import public_name
from ..writing.moderated import (
    MODERATION,
    Moderated,
    ModeratedQuerySet,
    ModerationState,
)


class BoardCategory(models.Model):
    """A corner of the board: recipes, wishes for the range, events …"""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("board category")
        verbose_name_plural = _("board categories")

    def __str__(self):
        return self.name


# Why a closed topic takes no comment, for each thing a reader was doing
CLOSED_MESSAGES = {
    REPLY: _("This topic is closed; it takes no more replies."),
    EDIT: _("This topic is closed; its comments can no longer be edited."),
    CONFIRM: _(
        "This topic was closed before you confirmed your comment; it was not published."
    ),
}


class TopicQuerySet(ModeratedQuerySet):
    def with_reply_count(self):
        """Annotate `reply_count`: the public replies, counted in the same query."""
        return with_comment_counts(self, "reply_count")

    def for_listing(self):
        return (
            self.select_related("category", "author__profile", "author__author")
            .with_reply_count()
            .order_by("-is_pinned", "-last_activity_at", "-pk")
        )


class Topic(Moderated):
    """A discussion a member started on the board; replies are comments on it."""

    class Status(models.TextChoices):
        """Whether the starter's question is answered; whether the topic still
        takes replies is `is_closed`, a separate matter."""

        OPEN = "open", _("Unanswered")
        ANSWERED = "answered", _("Answered")

    category = models.ForeignKey(
        BoardCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="topics",
    )
    title = models.CharField(_("title"), max_length=140)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    body = models.TextField(_("text"), max_length=10_000)
    body_html = models.TextField(editable=False, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="topics",
    )
    products = models.ManyToManyField(
        "shop_link.Product",
        verbose_name=_("products"),
        blank=True,
        related_name="topics",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Closed topics take no more replies.")
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    # Set once: a topic published again after being hidden is no news.
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )

    objects = TopicQuerySet.as_manager()

    personal_data = (
        PersonalData(
            fields=(
                "author",
                "title",
                "slug",
                "body",
                "body_html",
                "products",
                "created_at",
            ),
            section=Section.BOARD,
            what=_("The topics you start on the board: title, text, products named."),
            purpose=_("To show your topic on the board, with its replies."),
            basis=Basis.CONTRACT,
            retention=_(
                "As long as the topic is online, and never longer than your account."
            ),
            seen_by=_(
                "Everyone, once it is published; moderators also while it waits "
                "for them."
            ),
        ),
        MODERATION,
    )

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Note the first publication; a held topic published now moves up the
        board as news, one published again after being hidden does not."""
        if self.state == ModerationState.PUBLISHED and self.first_published_at is None:
            self.first_published_at = timezone.now()
            if self.pk is not None:
                self.last_activity_at = self.first_published_at
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "first_published_at",
                    "last_activity_at",
                }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The topic's address below the live board page, or "" without one."""
        board = live_board_page()
        if board is None or board.url is None:
            return ""
        return board.url + board.reverse_subpage("topic", args=[self.slug])

    @property
    def author_name(self):
        """The starter's public name: never the username, which may be an address."""
        return public_name(self.author)

    # A topic carries a discussion: its replies (see community.discussions.targets).

    def takes_comments(self) -> bool:
        return self.is_published and not self.is_closed

    def discussion_visible(self) -> bool:
        """Readers see a published topic's replies, closed or not."""
        return self.is_published

    def closed_message(self, situation: str) -> str:
        return str(CLOSED_MESSAGES[situation]) if self.is_closed else ""

    def discussion_authors(self):
        """Who is told of replies as the topic's author."""
        return get_user_model().objects.filter(pk=self.author_id)


def live_board_page():
    """The live board page that topics and questions have their addresses under.

    Looked up by name: the page's module routes to the views that use these
    models, so importing it here would tie the two in a circle.
    """
    board = apps.get_model("community", "CommunityIndexPage")
    return live_page(board, public=False)
