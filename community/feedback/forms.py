"""The click on a face, and the comment that may follow it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.models import Page

from home.ids import parse_id
from shop_link.models import Product

from ..writing.sanitize import check_text
from . import answers
from .models import COMMENT_MAX_LENGTH, PAGE_TYPES, Channel, Face

# Ids of the comment form's fields: apart from the discussion's form on a page.
AUTO_ID = "feedback-%s"


class FaceForm(forms.Form):
    """A click: the face, and where it was given. Sent by the page, not typed."""

    face = forms.ChoiceField(
        choices=Face.choices,
        error_messages={
            "required": _("Please choose one of the faces."),
            "invalid_choice": _("There is no such answer. Please choose a face."),
        },
    )
    channel = forms.ChoiceField(
        choices=Channel.choices,
        required=False,
        error_messages={"invalid_choice": _("There is no such feedback channel.")},
    )
    # Checked below, so a wrong value gets the same plain answer at any length.
    page = forms.CharField(required=False)
    product = forms.CharField(required=False)
    view = forms.CharField(required=False)

    def clean_channel(self):
        return self.cleaned_data["channel"] or Channel.WEB

    def clean_page(self):
        pk = self._id("page")
        if pk is None:
            return None
        page = Page.objects.live().public().type(*PAGE_TYPES).filter(pk=pk).first()
        if page is None:
            raise ValidationError(_("There is no such page."), code="page")
        return page

    def clean_product(self):
        pk = self._id("product")
        if pk is None:
            return None
        product = Product.objects.filter(pk=pk).first()
        if product is None:
            raise ValidationError(_("There is no such product."), code="product")
        return product

    def clean_view(self):
        view = self.cleaned_data["view"]
        if view and not answers.VIEW_TOKEN.fullmatch(view):
            raise ValidationError(
                _("The answer could not be read. Please reload the page."),
                code="view",
            )
        return view

    def clean(self):
        data = super().clean()
        if data.get("page") and data.get("product"):
            raise ValidationError(
                _("An answer is about one page or one product, not both."),
                code="place",
            )
        on_page = data.get("page") or data.get("product")
        if on_page and data.get("channel") != Channel.WEB:
            raise ValidationError(
                _("An answer on a page of the website has no other channel."),
                code="place",
            )
        return data

    def _id(self, name):
        raw = self.cleaned_data[name].strip()
        if not raw:
            return None
        pk = parse_id(raw)
        if pk is None:
            raise ValidationError(
                _("The answer could not be read. Please reload the page."),
                code=name,
            )
        return pk

    def first_error(self) -> str:
        """The first error, to say in one line what was wrong."""
        for errors in self.errors.values():
            return errors[0]
        return ""


class CommentForm(forms.Form):
    """The optional comment after a click, tied to its answer by a token."""

    answer = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This comment belongs to no answer.")},
    )
    comment = forms.CharField(
        label=_("Would you like to tell us more? (optional)"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
        error_messages={
            "required": _(
                "Please write your comment first. Your answer itself is stored already."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.answer = None
        self.fields["comment"].help_text = ngettext_lazy(
            "Up to %(max)d character. Please leave out names and contact "
            "details: we cannot reply here, and your feedback stays anonymous.",
            "Up to %(max)d characters. Please leave out names and contact "
            "details: we cannot reply here, and your feedback stays anonymous.",
            "max",
        ) % {"max": COMMENT_MAX_LENGTH}

    def clean_comment(self):
        text = check_text(self.cleaned_data["comment"], COMMENT_MAX_LENGTH)
        if not text:
            raise ValidationError(
                self.fields["comment"].error_messages["required"], code="required"
            )
        return text

    def clean(self):
        data = super().clean()
        token = data.get("answer")
        if not token:
            return data
        try:
            self.answer = answers.answer_of_token(token)
        except answers.TokenExpired:
            raise ValidationError(
                _(
                    "The time to add a comment to this answer has passed. Your "
                    "answer itself is stored."
                ),
                code="expired",
            ) from None
        if self.answer is None:
            raise ValidationError(
                _("This comment belongs to no answer we know."), code="answer"
            )
        if self.answer.comment:
            raise ValidationError(
                _("This answer has its comment already. Thank you!"), code="done"
            )
        return data

    def refuse_as_done(self):
        """Say that the answer got its comment meanwhile (from another tab)."""
        self.add_error(None, _("This answer has its comment already. Thank you!"))
