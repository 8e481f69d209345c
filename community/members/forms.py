"""Forms of the member's account: sign-up with a public name, the profile, and
the one-click choices of interests and hidden categories."""

from allauth.account.forms import AddEmailForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from blog.models import BlogCategory
from home.ids import parse_id

from .accounts import (
    DISPLAY_NAME_MAX,
    validate_display_name,
    validate_not_a_team_name,
)
from .avatars import ALLOWED_TYPES, AvatarError, clean_avatar
from .interests import interest_choices

# The longest product category the catalogue stores.
PRODUCT_CATEGORY_MAX = 300


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


class InterestChoiceForm(forms.Form):
    """One interest chosen or taken back: one click on the interests page."""

    interest = forms.ChoiceField(
        choices=interest_choices,
        error_messages={
            "required": _("Say which interest to change."),
            "invalid_choice": _("There is no such interest. Choose one from the list."),
        },
    )
    chosen = forms.BooleanField(required=False)


class HiddenCategoryForm(forms.Form):
    """One blog or product category hidden or shown again."""

    blog_category = forms.CharField(required=False, max_length=20)
    product_category = forms.CharField(required=False, max_length=PRODUCT_CATEGORY_MAX)
    hide = forms.BooleanField(required=False)

    def __init__(self, *args, product_categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.product_categories = set(product_categories)
        self.fields["product_category"].error_messages["max_length"] = _(
            "There is no product category with so long a name."
        )
        self.fields["blog_category"].error_messages["max_length"] = _(
            "There is no such story category."
        )

    def clean_blog_category(self):
        value = self.cleaned_data["blog_category"]
        if not value:
            return None
        pk = parse_id(value)
        category = BlogCategory.objects.filter(pk=pk).first() if pk else None
        if category is None:
            raise forms.ValidationError(
                _("There is no such story category."), code="unknown"
            )
        return category

    def clean_product_category(self):
        name = self.cleaned_data["product_category"]
        if name and name not in self.product_categories:
            raise forms.ValidationError(
                _("There is no product category of that name."), code="unknown"
            )
        return name

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        named = [
            cleaned_data.get("blog_category"),
            cleaned_data.get("product_category"),
        ]
        if len([value for value in named if value]) != 1:
            raise forms.ValidationError(
                _("Say which one category to hide or show."), code="one"
            )
        return cleaned_data
