"""The site's mail backend (EMAIL_BACKEND): every mail of the site, whoever
writes it, is handed to the mail server here, and what the mail server does
not take is kept and sent later instead of failing the request that wrote it.
"""

from django.core.mail.backends.base import BaseEmailBackend

from .kept import delivery_connection, hand_over, stamp
from .sending import keep


class KeepingBackend(BaseEmailBackend):
    """Hands mail to COMMUNITY_MAIL_BACKEND; keeps what it does not take as
    late mail. Every mail handed in counts as sent: it will be."""

    def __init__(self, fail_silently=False, **options):
        super().__init__(fail_silently=fail_silently)
        self.delivery = delivery_connection(**options)

    def send_messages(self, email_messages):
        messages = [stamp(message) for message in email_messages]
        if not messages:
            return 0
        taken, error = hand_over(messages, self.delivery)
        if error is not None:
            # The trouble is the mail server's: the rest wait with the one it hit.
            keep(messages[taken:], error)
        return len(messages)
