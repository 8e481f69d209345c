"""Mail the mail server did not take at once, kept until it is sent."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from home.personal_data import Basis, PersonalData, Section

from ..conf import setting


def _retention() -> str:
    days = setting("COMMUNITY_LATE_MAIL_KEEP_DAYS")
    return ngettext(
        "Its text until the mail is sent; everything else, and a mail that could "
        "not be sent at all, until %(count)d day after the last try.",
        "Its text until the mail is sent; everything else, and a mail that could "
        "not be sent at all, until %(count)d days after the last try.",
        days,
    ) % {"count": days}


LATE_MAIL = PersonalData(
    fields=("to", "recipients", "subject", "message", "error"),
    section=Section.MAIL,
    what=_(
        "A mail to you that our mail server did not take at once: your address, "
        "the mail's subject and text, and what the mail server answered."
    ),
    purpose=_(
        "So that the mail still reaches you once the mail server is back, and the "
        "shop's team sees mail that is late."
    ),
    basis=Basis.CONTRACT,
    retention=_retention,
    seen_by=_("Staff with the permission to see late mail, in the admin."),
)


class LateMailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Waiting mail whose next try has come."""
        return self.filter(
            state=LateMail.State.WAITING, next_try_at__lte=now or timezone.now()
        )

    def waiting(self):
        """Mail waiting for its next try, due or not."""
        return self.filter(state=LateMail.State.WAITING)

    def stuck(self, now=None):
        """Mail a process began to send and never finished with (it stopped)."""
        since = (now or timezone.now()) - LateMail.SENDING_AT_MOST
        return self.filter(state=LateMail.State.SENDING, last_tried_at__lt=since)

    def expired(self, now=None):
        """Finished records older than the retention."""
        days = setting("COMMUNITY_LATE_MAIL_KEEP_DAYS")
        since = (now or timezone.now()) - datetime.timedelta(days=days)
        return self.filter(
            state__in=(LateMail.State.SENT, LateMail.State.GIVEN_UP),
            last_tried_at__lt=since,
        )


class LateMail(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for the next try")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent late")
        GIVEN_UP = "given_up", _("Not sent: all tries failed")

    # Longer than any one try can take (the mail server's timeout): a mail
    # "being sent" for longer was left by a process that stopped.
    SENDING_AT_MOST = datetime.timedelta(minutes=15)

    to = models.TextField(_("to"))
    # The envelope: who the mail server is asked to deliver to (Bcc included),
    # and on whose behalf.
    recipients = models.JSONField(_("recipients"), default=list)
    sender = models.TextField(_("sender"), blank=True)
    subject = models.TextField(_("subject"))
    # The mail as the mail server gets it (see community.mail.kept); emptied
    # once it is sent.
    message = models.BinaryField(_("the whole mail"), blank=True, default=b"")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    tries = models.PositiveSmallIntegerField(_("tries"), default=1)
    error = models.TextField(_("the mail server's last answer"), blank=True)
    first_failed_at = models.DateTimeField(_("first failed"), default=timezone.now)
    last_tried_at = models.DateTimeField(_("last tried"), default=timezone.now)
    next_try_at = models.DateTimeField(_("next try"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    personal_data = (LATE_MAIL,)

    objects = LateMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("late mail")
        verbose_name_plural = pgettext_lazy("plural", "late mail")
        ordering = ("-first_failed_at", "-pk")
        indexes = [models.Index(fields=("state", "next_try_at"))]

    def __str__(self):
        return f"{self.to}: {self.subject}"
