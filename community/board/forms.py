"""The form a member starts a board topic with."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.ids import IdChoiceField, IdMultipleChoiceField
from shop_link.models import Product

from ..conf import setting
from ..discussions.models import Comment
from ..writing import rules, sanitize
from ..writing.clients import client_address
from ..writing.moderated import ModerationState
from .models import BoardCategory, Topic
from .topics import unique_topic_slug

TITLE_MAX_LENGTH = 140
TEXT_MAX_LENGTH = 10_000


class ProductChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class TopicForm(forms.Form):
    category = IdChoiceField(
        label=_("Category"),
        queryset=BoardCategory.objects.all(),
        empty_label=_("Choose a category"),
    )
    title = forms.CharField(
        label=_("Title"),
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX_LENGTH}),
        help_text=_("What is it about, in a few words?"),
    )
    text = forms.CharField(
        label=_("Your text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Plain text. Blank lines start a new paragraph; *italic*, **bold**, "
            "lists with “-”, quotes with “>” and links work."
        ),
    )
    products = ProductChoiceField(
        label=_("Products it is about"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or ⌘) to choose more than one."),
    )

    def __init__(self, *args, user, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.verdict = None
        # The honeypot: hidden from people, filled in by bots. Its id is the
        # topic form's own, as every form's trap has one of its own.
        trap = setting("COMMUNITY_HONEYPOT_FIELD")
        self.fields[trap] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "tabindex": "-1", "id": f"topic_{trap}"}
            ),
        )
        self.fields["products"].queryset = Product.objects.on_sale().order_by(
            "title", "pk"
        )

    def clean_title(self):
        return sanitize.check_text(
            self.cleaned_data["title"], TITLE_MAX_LENGTH, single_line=True
        )

    def clean_text(self):
        return sanitize.check_text(self.cleaned_data["text"], TEXT_MAX_LENGTH)

    def clean(self):
        cleaned_data = super().clean()
        if rules.honeypot_filled(self.data):
            raise forms.ValidationError(rules.HONEYPOT_MESSAGE, code="honeypot")
        if self.errors or self.user.is_staff:
            return cleaned_data
        text = self.post_text(cleaned_data["title"], cleaned_data["text"])
        self.verdict = rules.assess(
            text,
            author_key=f"user:{self.user.pk}",
            client_address=client_address(self.request) if self.request else None,
            prior_published_posts=rules.published_posts(self.user),
            recent_texts=recent_texts(self.user, rules.repeat_window_start()),
        )
        if self.verdict.refused:
            raise forms.ValidationError(self.verdict.reasons, code="refused")
        return cleaned_data

    @staticmethod
    def post_text(title, text):
        """The words of a topic as the rules read them: its title and its text."""
        return f"{title}\n\n{text}"

    @transaction.atomic
    def save(self) -> Topic:
        data = self.cleaned_data
        held = self.verdict is not None and self.verdict.held
        topic = Topic.objects.create(
            category=data["category"],
            title=data["title"],
            slug=unique_topic_slug(data["title"]),
            body=data["text"],
            body_html=sanitize.render_text(data["text"]),
            author=self.user,
            state=ModerationState.PENDING if held else ModerationState.PUBLISHED,
            held_reason=self.verdict.held_reason if held else "",
            last_activity_at=timezone.now(),
        )
        topic.products.set(data["products"])
        return topic


def recent_texts(user, since) -> list[str]:
    """The member's own topics and comments since `since`, as the rules read them."""
    topics = Topic.objects.filter(author=user, created_at__gte=since).values_list(
        "title", "body"
    )
    comments = Comment.objects.filter(user=user, submit_date__gte=since).values_list(
        "comment", flat=True
    )
    return [TopicForm.post_text(title, body) for title, body in topics] + list(comments)
