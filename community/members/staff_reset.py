"""The admin's password reset (/admin/password_reset/), for the team only.

Wagtail's own view mails a reset link to any account with the address, so a
customer's address got links that set the customer's password from the admin,
without the limits of the site's own reset. Here only accounts that may use the
admin get a mail; for any other address the answer is the same ("if an account
exists, a mail is on its way"), so it tells nobody who is a customer. Requests
count against the site's own reset limit (allauth's "reset_password").
"""

from allauth.core import ratelimit
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views import account

ADMIN_PERMISSION = "wagtailadmin.access_admin"


def may_use_admin(user) -> bool:
    return user.is_active and user.has_perm(ADMIN_PERMISSION)


class StaffPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form that finds only accounts of the team."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if may_use_admin(user))


class StaffPasswordResetView(account.PasswordResetView):
    def get_form_class(self):
        return StaffPasswordResetForm

    def form_valid(self, form):
        limited = ratelimit.consume_or_429(
            self.request,
            action="reset_password",
            key=form.cleaned_data["email"].lower(),
        )
        return limited or super().form_valid(form)


class StaffPasswordResetConfirmView(account.PasswordResetConfirmView):
    """A link for any other account is treated as invalid."""

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and may_use_admin(user) else None


password_reset = StaffPasswordResetView.as_view()
password_reset_confirm = StaffPasswordResetConfirmView.as_view()
