import time

from django.core.management.base import BaseCommand, CommandError

from demo.load import load_demo
from demo.pictures import scaled
from demo.shop import parse_address


class Command(BaseCommand):
    help = (
        "Build the demo farm shop: settings, home page, authors, producers and "
        "posts with their pictures. Creates only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--image-scale",
            type=float,
            default=1.0,
            help="Draw the pictures at this fraction of their size (e.g. 0.25).",
        )
        parser.add_argument(
            "--address",
            default="",
            help=(
                "HOST:PORT the development server serves the demo at; the demo's "
                "site (and so every link in pages, feeds and mails) follows it."
            ),
        )

    def handle(self, *args, image_scale, address, **options):
        if not 0 < image_scale <= 1:
            raise CommandError("--image-scale must be more than 0 and at most 1.")
        try:
            site_address = parse_address(address) if address else None
        except ValueError:
            raise CommandError("--address must be HOST:PORT.") from None
        started = time.perf_counter()
        with scaled(image_scale):
            run = load_demo(site_address)
        seconds = time.perf_counter() - started
        style = self.style.SUCCESS if run.changed else self.style.NOTICE
        self.stdout.write(style(f"{run.summary()} ({seconds:.1f} s)"))
