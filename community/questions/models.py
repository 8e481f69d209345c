"""Questions customers ask about products, and the answers."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from home.personal_data import Basis, PersonalData, Section

from ..board.models import live_board_page
from ..members.names import public_name
from ..writing.moderated import (
    MODERATION,
    Moderated,
    ModeratedQuerySet,
    ModerationState,
)

# Questions and answers keep the same things about their writers.
QUESTION_OR_ANSWER = PersonalData(
    fields=("author", "text", "text_html", "created_at"),
    section=Section.QUESTIONS,
    what=_("The questions you ask about products and the answers you give."),
    purpose=_(
        "To show them on the product's page, so the next customer finds the answer too."
    ),
    basis=Basis.CONTRACT,
    retention=_(
        "As long as the question is online, and never longer than your account."
    ),
    seen_by=_("Everyone, once published; moderators also while they wait for them."),
)


class ProductQuestionQuerySet(ModeratedQuerySet):
    def with_answer_count(self):
        """Annotate `answer_count`: the published answers, in the same query."""
        answers = (
            ProductAnswer.objects.filter(
                question=models.OuterRef("pk"), state=ModerationState.PUBLISHED
            )
            .order_by()
            .values("question")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            answer_count=Coalesce(
                models.Subquery(answers, output_field=models.IntegerField()), 0
            )
        )

    def answered(self):
        return self.filter(
            models.Exists(
                ProductAnswer.objects.filter(
                    question=models.OuterRef("pk"), state=ModerationState.PUBLISHED
                )
            )
        )

    def unanswered(self):
        """Published questions without a published answer: staff's to-do list."""
        return self.published().exclude(
            models.Exists(
                ProductAnswer.objects.filter(
                    question=models.OuterRef("pk"), state=ModerationState.PUBLISHED
                )
            )
        )


class ProductQuestion(Moderated):
    """A customer's question about a product, answered by staff or its producer."""

    product = models.ForeignKey(
        "shop_link.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="product_questions",
    )
    text = models.TextField(_("question"), max_length=2000)
    text_html = models.TextField(editable=False, blank=True)
    accepted_answer = models.OneToOneField(
        "community.ProductAnswer",
        verbose_name=_("accepted answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notify_asker = models.BooleanField(
        _("tell the asker about answers"),
        default=True,
        help_text=_("Whether the asker gets an e-mail when the question is answered."),
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    objects = ProductQuestionQuerySet.as_manager()

    personal_data = (
        QUESTION_OR_ANSWER,
        MODERATION,
        PersonalData(
            fields=("notify_asker",),
            section=Section.MAIL,
            what=_("Whether you want an e-mail when your question is answered."),
            purpose=_("To tell you about answers only if you asked for it."),
            basis=Basis.CONSENT,
            retention=_("As long as the question exists."),
            seen_by=_("Nobody; the site uses it when it sends mail."),
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("product question")
        verbose_name_plural = _("product questions")

    def __str__(self):
        return Truncator(" ".join(self.text.split())).chars(80)

    def get_absolute_url(self):
        """The question's own page below the live board page, or its place on the
        product's page without one."""
        board = live_board_page()
        if board is None or board.url is None:
            return f"{self.product.get_absolute_url()}#question-{self.pk}"
        return board.url + board.reverse_subpage("question", args=[self.pk])

    @property
    def author_name(self):
        """The asker's public name: never the username, which may be an address."""
        return public_name(self.author)


class ProductAnswer(Moderated):
    """An answer to a product question, from staff, the producer or a customer."""

    question = models.ForeignKey(
        ProductQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.CASCADE,
        related_name="product_answers",
    )
    text = models.TextField(_("answer"), max_length=5000)
    text_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    personal_data = (QUESTION_OR_ANSWER, MODERATION)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.text[:80]
