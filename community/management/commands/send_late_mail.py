"""Send the late mail whose next try has come. Run it every minute where no
task worker runs (the embedded default runs tasks at once and cannot wait)."""

import datetime

from django.core.management.base import BaseCommand

from community.mail.sending import send_due_mail, still_waiting


class Command(BaseCommand):
    help = (
        "Try again to send every mail the mail server did not take and whose next "
        "try has come. Needed where tasks run at once (TASKS_BACKEND=immediate, "
        "the default): run it every minute, e.g. from cron: "
        "* * * * * … manage.py send_late_mail. With the database queue the worker "
        "tries by itself; the command does no harm beside it."
    )

    def handle(self, *args, **options):
        sent, failed = send_due_mail()
        self.stdout.write(f"Sent {sent} late mail(s); {failed} tried and not taken.")
        waiting, first = still_waiting()
        if waiting:
            # For operators and their logs: a machine time, in UTC.
            when = first.astimezone(datetime.UTC).isoformat(timespec="seconds")
            self.stdout.write(
                f"{waiting} late mail(s) waiting; the next try is due at {when}."
            )
        else:
            self.stdout.write("No late mail is waiting.")
