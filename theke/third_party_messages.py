"""Messages of allauth and Django that customers see, listed for our own catalogue.

allauth's German catalogue says "du", and rest_framework's, which Django merges over
its own, turns some of Django's form errors informal too. The project's catalogue
takes precedence over every app's for the same msgid, so it gives these the formal
"Sie" wording (or plainer German). `makemessages` reads only our source, so the
msgids are listed here; without this list it would drop their translations.
Each must match the third-party msgid exactly.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MESSAGES = [
    # Changing the password with a wrong current one.
    gettext_noop("Please type your current password."),
    # Sign-up, password change and reset: the two new passwords differ.
    gettext_noop("You must type the same password each time."),
]

DJANGO_MESSAGES = [
    # Every account form with an e-mail field; rest_framework makes it informal.
    gettext_noop("Enter a valid email address."),
    # The password validators in AUTH_PASSWORD_VALIDATORS.
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
]
