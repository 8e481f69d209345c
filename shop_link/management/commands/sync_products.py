import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from shop_link.models import FeedFormat, ProductSource, SyncRun
from shop_link.sync import describe_problem, is_url, summary, sync_source

# Problems printed per source; the run in the admin keeps more.
SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = (
        "Sync products from their feeds: the named sources, or all active ones. "
        "With --feed, sync one feed given directly, creating its source if needed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "names",
            nargs="*",
            metavar="SOURCE",
            help="Names of the sources to sync (default: all active sources).",
        )
        parser.add_argument(
            "--feed",
            metavar="PATH_OR_URL",
            help="Sync this feed file or http(s) address into the source --source.",
        )
        parser.add_argument(
            "--format",
            dest="feed_format",
            choices=FeedFormat.values,
            help="The feed's format; guessed from a local file if left out.",
        )
        parser.add_argument(
            "--source",
            metavar="NAME",
            help="The source to sync --feed into; created if it does not exist.",
        )
        parser.add_argument(
            "--shop-name",
            help="The shop that sells a new source's products (default: its name).",
        )
        parser.add_argument(
            "--no-images",
            action="store_true",
            help="Do not fetch pictures from the feed's image links.",
        )

    def handle(self, *args, names, feed, feed_format, source, shop_name, **options):
        if source or feed:
            if names:
                raise CommandError(
                    "Name the source with --source when you give --feed, "
                    "not as an argument as well."
                )
            sources = [self.direct_source(source, feed, feed_format, shop_name)]
        else:
            if feed_format or shop_name:
                raise CommandError("--format and --shop-name go with --source.")
            sources = self.named_sources(names)
        if not sources:
            self.stdout.write("No active product sources. Add one in the admin.")
            return

        failed = []
        for product_source in sources:
            run = self.sync(product_source, options)
            if run.status != SyncRun.Status.SUCCEEDED:
                failed.append(run)
        if len(failed) == 1:
            raise CommandError(f"{failed[0].source.name}: {failed[0].message}")
        if failed:
            names = ", ".join(run.source.name for run in failed)
            raise CommandError(f"Syncing failed for {names}.")

    def named_sources(self, names):
        if not names:
            return list(ProductSource.objects.filter(is_active=True).order_by("name"))
        found = {s.name: s for s in ProductSource.objects.filter(name__in=names)}
        unknown = [name for name in names if name not in found]
        if unknown:
            known = list(ProductSource.objects.values_list("name", flat=True))
            raise CommandError(
                f"Unknown source: {', '.join(unknown)}. "
                + (
                    f"Known sources: {', '.join(known)}."
                    if known
                    else "There are none."
                )
            )
        return [found[name] for name in dict.fromkeys(names)]

    def direct_source(self, name, feed, feed_format, shop_name):
        """The source --source names, created or pointed at --feed as given."""
        if not name:
            raise CommandError("--feed needs --source NAME: the source to sync into.")
        if feed and not is_url(feed):
            path = Path(feed).expanduser()
            if not path.is_file():
                raise CommandError(f"There is no feed file {feed}.")
            feed = str(path.resolve())
        source = ProductSource.objects.filter(name=name).first()
        if source is None:
            if not feed:
                raise CommandError(
                    f"There is no source {name}; give --feed to create it."
                )
            source = ProductSource(
                name=name,
                location=feed,
                format=feed_format or self.guess_format(feed),
                shop_name=shop_name or name,
            )
            source.full_clean()
            source.save()
            self.stdout.write(f"Created the source {name}.")
            return source
        if feed:
            source.location = feed
        if feed_format:
            source.format = feed_format
        if shop_name:
            source.shop_name = shop_name
        source.full_clean()
        source.save()
        return source

    def guess_format(self, feed):
        from shop_link.feeds import sniff_format

        guessed = None
        if not is_url(feed):
            with open(feed, "rb") as file:
                guessed = sniff_format(file.read(8192))
        if guessed is None:
            raise CommandError(
                "Say which format the feed has with --format "
                f"({', '.join(FeedFormat.values)})."
            )
        return guessed

    def sync(self, source, options):
        progress = None
        if self.stderr.isatty():
            progress = ProgressLine(source.name, self.stderr)
        try:
            run = sync_source(
                source,
                progress=progress,
                fetch_images=not options["no_images"],
            )
        finally:
            if progress:
                progress.close()
        if run.status == SyncRun.Status.SUCCEEDED:
            line = f"{source.name}: {summary(run)}"
            if not (run.created or run.updated or run.discontinued):
                line += " (nothing changed)"
            self.stdout.write(line, self.style.SUCCESS)
        else:
            self.stdout.write(
                f"{source.name}: refused: {run.message}", self.style.ERROR
            )
        problems = run.problems
        hidden = len(problems) + getattr(run, "problems_omitted", 0) - SHOWN_PROBLEMS
        for problem in problems[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  {describe_problem(problem)}", self.style.WARNING)
        if hidden > 0:
            self.stdout.write(f"  … and {hidden} more", self.style.WARNING)
        return run


class ProgressLine:
    """A one-line progress bar for a terminal: products read, and how fast.

    A feed does not say how many products it holds, so the bar sweeps to show
    that work goes on while the count and rate tell how far it has got.
    """

    WIDTH = 20

    def __init__(self, label: str, out: OutputWrapper):
        self.label = label
        self.out = out
        self.started = time.monotonic()
        self.shown = 0

    def __call__(self, done: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        position = int(elapsed * 10) % (2 * self.WIDTH - 2)
        if position >= self.WIDTH:
            position = 2 * self.WIDTH - 2 - position
        bar = " " * position + "█" + " " * (self.WIDTH - position - 1)
        text = f"{self.label} ▕{bar}▏ {done:,} products, {done / elapsed:,.0f}/s"
        self.out.write("\r" + text.ljust(self.shown), ending="")
        self.out.flush()
        self.shown = len(text)

    def close(self) -> None:
        if self.shown:
            self.out.write("\r" + " " * self.shown + "\r", ending="")
            self.out.flush()
