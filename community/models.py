from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .held import HeldReasonDisplay


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

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name

    @property
    def initials(self):
        parts = [part for part in self.display_name.split() if part[:1].isalnum()]
        return "".join(part[0] for part in parts[:2]).upper() or "?"


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

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [
            ("moderate_community", "Can moderate comments, topics and questions"),
            ("view_member_email", "Can see members' e-mail addresses"),
        ]


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

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user", "kind"], name="one_reaction_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind} on {self.comment_id}"


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


class ModerationState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for moderation")
    SPAM = "spam", _("Spam")
    REJECTED = "rejected", _("Rejected")


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


class TopicQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ModerationState.PUBLISHED)

    def visible_to(self, user):
        """Published topics, and the member's own ones that wait for a moderator."""
        if user is None or not user.is_authenticated:
            return self.published()
        return self.filter(
            models.Q(state=ModerationState.PUBLISHED)
            | models.Q(state=ModerationState.PENDING, author=user)
        )

    def with_reply_count(self):
        """Annotate `reply_count`: the public replies, counted in the same query."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models.functions import Cast, Coalesce

        replies = (
            Comment.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_pk=Cast(models.OuterRef("pk"), models.CharField()),
                is_public=True,
                is_removed=False,
            )
            .order_by()
            .values("object_pk")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            reply_count=Coalesce(
                models.Subquery(replies, output_field=models.IntegerField()), 0
            )
        )

    def for_listing(self):
        return (
            self.select_related("category", "author__profile", "author__author")
            .with_reply_count()
            .order_by("-is_pinned", "-last_activity_at", "-pk")
        )


class Topic(HeldReasonDisplay, models.Model):
    """A discussion a member started on the board; replies are comments on it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
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
    state = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.PUBLISHED,
    )
    held_reason = models.CharField(_("why it is held"), max_length=200, blank=True)
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
        board = CommunityIndexPage.objects.live().first()
        if board is None or board.url is None:
            return ""
        return board.url + board.reverse_subpage("topic", args=[self.slug])

    @property
    def author_name(self):
        """The starter's public name: never the username, which may be an address."""
        from .names import public_name

        return public_name(self.author)


class ProductQuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ModerationState.PUBLISHED)

    def with_answer_count(self):
        """Annotate `answer_count`: the published answers, in the same query."""
        from django.db.models.functions import Coalesce

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


class ProductQuestion(HeldReasonDisplay, models.Model):
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
    state = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.PUBLISHED,
    )
    held_reason = models.CharField(_("why it is held"), max_length=200, blank=True)
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("product question")
        verbose_name_plural = _("product questions")

    def __str__(self):
        return Truncator(" ".join(self.text.split())).chars(80)

    def get_absolute_url(self):
        """The question's own page below the live board page, or its place on the
        product's page without one."""
        board = CommunityIndexPage.objects.live().first()
        if board is None or board.url is None:
            return f"{self.product.get_absolute_url()}#question-{self.pk}"
        return board.url + board.reverse_subpage("question", args=[self.pk])

    @property
    def author_name(self):
        """The asker's public name: never the username, which may be an address."""
        from .names import public_name

        return public_name(self.author)


class ProductAnswer(HeldReasonDisplay, models.Model):
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
    state = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.PUBLISHED,
    )
    held_reason = models.CharField(_("why it is held"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.text[:80]


class CommunityIndexPage(RoutablePageMixin, Page):
    """The discussion board at /community/: categories, topics, newest activity."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("discussion board")

    def seo_meta(self, request, context):
        """A topic's page previews as the topic, a category's as the category."""
        from .board import board_seo_meta
        from .questions import question_seo_meta

        if "question" in context:
            return question_seo_meta(context)
        return board_seo_meta(context)

    def json_ld(self, request, context):
        """A topic's page carries it as a schema.org DiscussionForumPosting, a
        product question's as a QAPage."""
        from .board import topic_json_ld
        from .questions import question_json_ld

        if "question" in context:
            return question_json_ld(request, context)
        return topic_json_ld(self, request, context)

    @path("")
    def board(self, request):
        from .views import board

        return board(request, self)

    @path("new/", name="new_topic")
    def new_topic(self, request):
        from .views import new_topic

        return new_topic(request, self)

    @path("category/<slug:slug>/", name="category")
    def category(self, request, slug):
        from .views import board

        return board(request, self, category_slug=slug)

    @path("questions/<int:pk>/", name="question")
    def question(self, request, pk):
        from .views_questions import question_detail

        return question_detail(request, self, pk)

    @path("<slug:slug>/", name="topic")
    def topic(self, request, slug):
        from .views import topic_detail

        return topic_detail(request, self, slug)

    @path("<slug:slug>/status/", name="topic_status")
    def topic_status(self, request, slug):
        from .board import change_topic_status

        return change_topic_status(request, self, slug)
