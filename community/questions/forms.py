"""The forms members ask a product question and answer one with."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..conf import setting
from ..writing import rules, sanitize
from ..writing.clients import client_address
from ..writing.moderated import ModerationState
from .models import ProductAnswer, ProductQuestion

QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 5000
# Shorter questions say too little for anyone to answer.
QUESTION_MIN_LENGTH = 10


class _PostForm(forms.Form):
    """A member's text, checked by the sanitiser and, for customers, the rules."""

    max_length = QUESTION_MAX_LENGTH

    def __init__(self, *args, user=None, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.verdict = None
        # The honeypot: hidden from people, filled in by bots.
        self.fields[setting("COMMUNITY_HONEYPOT_FIELD")] = forms.CharField(
            label=_("If you are a person, leave this field empty."),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean_text(self):
        text = sanitize.check_text(self.cleaned_data["text"], self.max_length)
        if not text:
            raise forms.ValidationError(self.empty_message, code="required")
        return text

    def clean(self):
        cleaned_data = super().clean()
        if rules.honeypot_filled(self.data):
            raise forms.ValidationError(rules.HONEYPOT_MESSAGE, code="honeypot")
        return cleaned_data

    def assess(self):
        """Apply the moderation rules once the form is valid; staff skip them."""
        if self.user is None or self.user.is_staff:
            return None
        since = rules.repeat_window_start()
        recent = [
            *ProductQuestion.objects.filter(
                author=self.user, created_at__gte=since
            ).values_list("text", flat=True),
            *ProductAnswer.objects.filter(
                author=self.user, created_at__gte=since
            ).values_list("text", flat=True),
        ]
        prior = rules.published_posts(self.user)
        self.verdict = rules.assess(
            self.cleaned_data["text"],
            author_key=f"user:{self.user.pk}",
            client_address=client_address(self.request) if self.request else None,
            prior_published_posts=prior,
            recent_texts=recent,
        )
        if self.verdict.refused:
            for reason in self.verdict.reasons:
                self.add_error(None, reason)
        return self.verdict

    @property
    def held(self) -> bool:
        return self.verdict is not None and self.verdict.held

    def moderation(self) -> dict:
        if self.held:
            return {
                "state": ModerationState.PENDING,
                "held_reason": self.verdict.held_reason,
            }
        return {"state": ModerationState.PUBLISHED, "held_reason": ""}


class QuestionForm(_PostForm):
    text = forms.CharField(
        label=_("Your question"),
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "maxlength": QUESTION_MAX_LENGTH,
                "data-question-text": "",
            }
        ),
        help_text=_(
            "Ask about taste, origin, ingredients or how to use it. The shop or "
            "the producer answers here for everyone."
        ),
    )
    notify = forms.BooleanField(
        label=_("E-mail me when my question is answered"),
        required=False,
        initial=True,
    )
    # Set by the "My question is different" button after similar questions.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    empty_message = _("Please write your question.")

    def clean_text(self):
        text = super().clean_text()
        if len(text) < QUESTION_MIN_LENGTH:
            raise forms.ValidationError(
                _(
                    "Please say a little more: a question needs at least "
                    "%(min)d characters."
                ),
                code="min_length",
                params={"min": QUESTION_MIN_LENGTH},
            )
        return text

    @transaction.atomic
    def save(self, product) -> ProductQuestion:
        text = self.cleaned_data["text"]
        return ProductQuestion.objects.create(
            product=product,
            author=self.user,
            text=text,
            text_html=sanitize.render_text(text),
            notify_asker=self.cleaned_data["notify"],
            **self.moderation(),
        )


class AnswerForm(_PostForm):
    text = forms.CharField(
        label=_("Your answer"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": ANSWER_MAX_LENGTH}),
        help_text=_("Plain text. *emphasis*, lists, > quotes and links work."),
    )

    max_length = ANSWER_MAX_LENGTH
    empty_message = _("Please write your answer.")

    @transaction.atomic
    def save(self, question) -> ProductAnswer:
        text = self.cleaned_data["text"]
        moderation = self.moderation()
        return ProductAnswer.objects.create(
            question=question,
            author=self.user,
            text=text,
            text_html=sanitize.render_text(text),
            **moderation,
        )
