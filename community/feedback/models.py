"""Readers' one-click answers: a face, where it was given, the day, and an
optional comment. Nothing about who gave it."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from blog.models import BlogPage, ProducerPage
from shop_link.models import Product

# The pages that carry the faces; products carry them too, and are no pages.
PAGE_TYPES = (BlogPage, ProducerPage)

# Longest comment an answer takes, in characters.
COMMENT_MAX_LENGTH = 500


class Face(models.TextChoices):
    HAPPY = "happy", _("Happy")
    NEUTRAL = "neutral", _("Neutral")
    UNHAPPY = "unhappy", _("Unhappy")


class Channel(models.TextChoices):
    """Where the answer came from: a page of the site, or a QR code's link."""

    WEB = "web", _("Website")
    COUNTER = "counter", _("At the counter")
    DELIVERY = "delivery", _("Delivery")
    ONLINE = "online", _("Online shop")


class FeedbackQuerySet(models.QuerySet):
    def between(self, first_day, last_day):
        return self.filter(day__gte=first_day, day__lte=last_day)

    def with_comments(self):
        return self.exclude(comment="")

    def faces_by_day(self):
        """(day, face, count) rows, for `report.weekly`."""
        return (
            self.order_by()
            .values_list("day", "face")
            .annotate(count=models.Count("pk"))
        )


class Feedback(models.Model):
    """One reader's answer.

    Its key is random, not a running number: the order of answers within a day
    must not be read from the table, or it could be matched with a web
    server's log of who posted when.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    face = models.CharField(_("answer"), max_length=8, choices=Face.choices)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    page = models.ForeignKey(
        Page,
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    day = models.DateField(_("day"), db_index=True)
    comment = models.CharField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=True) | models.Q(product__isnull=True),
                name="feedback_on_a_page_or_a_product",
            )
        ]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")

    def __str__(self):
        return f"{self.get_face_display()} ({self.day:%Y-%m-%d})"
