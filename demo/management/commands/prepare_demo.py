from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Everything `make run` does before serving, in one process: migrate, load "
        "the demo shop at the address it is served at, and create the demo admin "
        "and moderator accounts if they are missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address", required=True, help="HOST:PORT it is served at."
        )
        parser.add_argument("--admin", default="admin")
        parser.add_argument("--moderator", default="moderation")
        parser.add_argument("--password", required=True)

    def handle(self, *args, address, admin, moderator, password, **options):
        # Starting Django is the slow part of a second `make run`: once, here.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", address=address, stdout=self.stdout)
        call_command(
            "ensure_admin", username=admin, password=password, stdout=self.stdout
        )
        call_command(
            "ensure_moderator",
            username=moderator,
            password=password,
            stdout=self.stdout,
        )
