"""The comment form: members write only their text, guests add name and e-mail."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from ..conf import setting
from ..members.accounts import validate_display_name, validate_not_a_team_name
from ..writing.sanitize import check_text, render_text
from .targets import check_parent

NAME_MAX_LENGTH = 50


def _single_line(value: str) -> str:
    if "\r" in value or "\n" in value:
        raise ValidationError(
            _("Please write this on one line, without line breaks."),
            code="line_break",
        )
    return value


class PlainHiddenInput(forms.HiddenInput):
    """A hidden input written as Django's template writes it, without the
    template: the comment form under every discussion has eight of them, and
    rendering each through the form renderer took a tenth of a member's page
    of 200 comments."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if widget["value"] is None:
            return format_html(
                '<input type="hidden" name="{}"{}>', name, flatatt(widget["attrs"])
            )
        return format_html(
            '<input type="hidden" name="{}" value="{}"{}>',
            name,
            str(widget["value"]),
            flatatt(widget["attrs"]),
        )


class CommentForm(XtdCommentForm):
    """xtd's form with Theke's checks; no link field, no public e-mail.

    A member's name and e-mail come from their account (the view fills them in),
    so the fields are hidden from them. The text is checked as typed and kept
    raw in ``comment``; its rendered HTML is computed once, here.
    """

    def __init__(self, target_object, data=None, initial=None, **kwargs):
        self.member = kwargs.pop("member", None)
        super().__init__(target_object, data=data, initial=initial, **kwargs)
        self.fields["name"].label = _("Your name")
        self.fields["name"].help_text = _("Shown with your comment.")
        self.fields["name"].max_length = NAME_MAX_LENGTH
        self.fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name"})
        self.fields["email"].label = _("Your e-mail address")
        self.fields["email"].help_text = _(
            "Never shown. We send you a link to confirm your comment."
        )
        self.fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["url"].widget = forms.HiddenInput()
        # The length is checked on the cleaned text, with the other checks.
        self.fields["comment"] = forms.CharField(
            label=_("Your comment"),
            help_text=_("Plain text. *emphasis*, lists, > quotes and links work."),
            # The browser stops typing at the limit and the page's script
            # warns before sending; the server checks it again.
            widget=forms.Textarea(
                attrs={
                    "rows": 5,
                    "maxlength": setting("COMMUNITY_COMMENT_MAX_LENGTH"),
                }
            ),
            strip=False,
        )
        # Members follow what they write unless they untick it: they manage it
        # on their profile and every mail unsubscribes in one click. A guest's
        # address was given to confirm the comment, so they opt in themselves.
        self.fields["followup"] = forms.BooleanField(
            label=_("Notify me of replies by e-mail"),
            help_text=_("Every e-mail has a link that stops them in one click."),
            required=False,
            initial=self.member is not None,
            widget=forms.CheckboxInput(
                attrs={"aria-describedby": "id_followup_helptext"}
            ),
        )
        self.fields["honeypot"].label = _(
            "If you are a person, leave this field empty."
        )
        # Out of the tab order, so the hidden trap never takes keyboard focus.
        self.fields["honeypot"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        if self.member is not None:
            self.fields["name"].widget = forms.HiddenInput()
            self.fields["email"].widget = forms.HiddenInput()
        for field in self.fields.values():
            if type(field.widget) is forms.HiddenInput:
                field.widget = PlainHiddenInput(attrs=field.widget.attrs)

    def clean_name(self):
        name = check_text(_single_line(self.cleaned_data["name"]), NAME_MAX_LENGTH)
        if self.member is None:
            # A guest's name is shown as a member's is: the same rules apply.
            validate_display_name(name)
            validate_not_a_team_name(name)
        return name

    def clean_email(self):
        return _single_line(self.cleaned_data["email"])

    def clean_url(self):
        return ""

    def clean_comment(self):
        raw = self.cleaned_data["comment"]
        text = check_text(raw, setting("COMMUNITY_COMMENT_MAX_LENGTH"))
        if not text:
            raise ValidationError(_("Please write a comment."), code="required")
        self.cleaned_data["comment"] = text
        return super().clean_comment()

    def clean_reply_to(self):

        reply_to = self.cleaned_data["reply_to"] or 0
        if reply_to:
            check_parent(self.target_object, reply_to)
        return reply_to

    def get_comment_create_data(self, site_id=None):
        data = super().get_comment_create_data(site_id=site_id)
        data["user_url"] = ""
        data["followup"] = bool(self.cleaned_data.get("followup"))
        data["body_html"] = render_text(data["comment"])
        data["held_reason"] = ""
        return data
