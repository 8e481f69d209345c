"""Forms of the member's account: sign-up with a public name, and the profile."""

from allauth.account.forms import AddEmailForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .accounts import (
    DISPLAY_NAME_MAX,
    validate_display_name,
    validate_not_a_team_name,
)
from .avatars import ALLOWED_TYPES, AvatarError, clean_avatar


def display_name_field():
    return forms.CharField(
        label=_("Public name"),
        help_text=_(
            "Shown with everything you write here, e.g. “Anna” or “Anna from "
            "Kleinried”. Never your e-mail address."
        ),
        # The validator counts and explains the length; a hard limit here would cut
        # what was pasted without saying so.
        max_length=DISPLAY_NAME_MAX * 4,
        validators=[validate_display_name],
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the public name between e-mail and password."""

    field_order = ["email", "display_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"] = display_name_field()
        self.order_fields(self.field_order)

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        validate_not_a_team_name(name)
        return name


class ProfileForm(forms.Form):
    """The public name and the picture; the picture is checked and re-encoded."""

    display_name = display_name_field()
    avatar = forms.FileField(
        label=_("New picture"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 2 MB and 4000 × 4000 pixels."),
        widget=forms.FileInput(
            attrs={"accept": ",".join(sorted(ALLOWED_TYPES.values()))}
        ),
    )
    remove_avatar = forms.BooleanField(
        label=_("Remove my picture and show my initials"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        # A name the member already has stays theirs (they may be changing only
        # their picture), even if someone of the team has taken it since.
        if "display_name" in self.changed_data:
            validate_not_a_team_name(name, self.user)
        return name

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        try:
            return clean_avatar(upload)
        except AvatarError as error:
            raise forms.ValidationError(error.message, code=error.code) from error


class ChangeEmailForm(AddEmailForm):
    """allauth's form for a new address, labelled as the change it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("New e-mail address")
