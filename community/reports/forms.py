"""The form a member flags a comment, topic or question with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..conf import setting
from ..writing.sanitize import check_text
from .models import Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a reason."),
            "invalid_choice": _("Please choose one of the reasons listed."),
        },
    )
    note = forms.CharField(
        label=_("Anything the moderators should know? (optional)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = _(
            "Plain text, up to %(length)d characters. Only moderators read it."
        ) % {"length": setting("COMMUNITY_REPORT_NOTE_MAX_LENGTH")}

    def clean_note(self):
        return check_text(
            self.cleaned_data["note"], setting("COMMUNITY_REPORT_NOTE_MAX_LENGTH")
        ).strip()
