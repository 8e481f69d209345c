"""The form that deletes an account: the member's password and what becomes of
their posts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .deletion import KEEP, REMOVE


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("So that nobody else can delete your account."),
    )
    posts = forms.ChoiceField(
        label=_("Your posts"),
        choices=(
            (REMOVE, _("Remove my comments, topics, questions and answers")),
            (KEEP, _("Keep them without my name, as from a “former member”")),
        ),
        widget=forms.RadioSelect,
        initial=REMOVE,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
