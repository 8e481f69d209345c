import gc
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from shop_link.feeds import sniff_format
from shop_link.items import FeedError
from shop_link.locations import allowed_feed_path, is_url
from shop_link.models.products import FeedFormat, ProductSource, SyncRun
from shop_link.sync.runs import describe_problem, summary, sync_source

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
            "--shop-url",
            metavar="URL",
            help=(
                "The shop's address, such as https://shop.example.com, from which "
                "links are made where the feed has none (WooCommerce, Shopware, "
                "Shopify); never the feed's address."
            ),
        )
        parser.add_argument(
            "--no-images",
            action="store_true",
            help="Do not fetch pictures from the feed's image links.",
        )

    def handle(
        self, *args, names, feed, feed_format, source, shop_name, shop_url, **options
    ):
        if source or feed:
            if names:
                raise CommandError(
                    _(
                        "Name the source with --source when you give --feed, "
                        "not as an argument as well."
                    )
                )
            direct = self.direct_source(source, feed, feed_format, shop_name, shop_url)
            sources = [direct]
        else:
            direct = None
            if feed_format or shop_name or shop_url:
                raise CommandError(
                    _("--format, --shop-name and --shop-url go with --source.")
                )
            sources = self.named_sources(names)
        if not sources:
            self.stdout.write(_("No active product sources. Add one in the admin."))
            return

        # What Django and the project built at startup lives as long as the
        # command: frozen, the collector stops walking it again and again while
        # a feed's products are made (a fifth of the time of an import).
        gc.freeze()
        try:
            runs = [self.sync(source, options) for source in sources]
        finally:
            gc.unfreeze()
        failed = [run for run in runs if run.status != SyncRun.Status.SUCCEEDED]
        if direct is not None and failed:
            self.undo_direct_source(direct)
        if len(sources) == 1 and failed:
            raise CommandError(f"{failed[0].source.name}: {failed[0].message}")
        if failed:
            raise CommandError(
                _("Syncing failed for %(names)s.")
                % {"names": ", ".join(run.source.name for run in failed)}
            )

    def named_sources(self, names):
        if not names:
            return list(ProductSource.objects.filter(is_active=True).order_by("name"))
        found = {s.name: s for s in ProductSource.objects.filter(name__in=names)}
        unknown = [name for name in names if name not in found]
        if unknown:
            known = ", ".join(ProductSource.objects.values_list("name", flat=True))
            raise CommandError(
                _("Unknown source: %(unknown)s. Known sources: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": known or "–"}
            )
        return [found[name] for name in dict.fromkeys(names)]

    def direct_source(self, name, feed, feed_format, shop_name, shop_url=None):
        """The source --source names, created or pointed at --feed as given."""
        if not name:
            raise CommandError(_("--feed needs --source: the source to sync into."))
        if feed and not is_url(feed):
            path = Path(feed).expanduser()
            if not path.is_file():
                raise CommandError(
                    _("There is no feed file %(path)s.") % {"path": feed}
                )
            try:
                feed = str(allowed_feed_path(feed))
            except FeedError as error:
                raise CommandError(str(error)) from error
        source = ProductSource.objects.filter(name=name).first()
        created = source is None
        self.source_before = (
            None
            if created
            else {
                "location": source.location,
                "format": source.format,
                "shop_name": source.shop_name,
                "shop_url": source.shop_url,
            }
        )
        if created:
            if not feed:
                raise CommandError(
                    _("There is no source %(name)s; give --feed to create it.")
                    % {"name": name}
                )
            source = ProductSource(name=name, shop_name=shop_name or name)
            feed_format = feed_format or self.guess_format(feed)
        if feed:
            source.location = feed
        if feed_format:
            source.format = feed_format
        if shop_name:
            source.shop_name = shop_name
        if shop_url:
            source.shop_url = shop_url.strip()
        try:
            source.full_clean()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        source.save()
        if created:
            self.stdout.write(_("Created the source %(name)s.") % {"name": name})
        return source

    def undo_direct_source(self, source):
        """A refused --feed leaves no trace: no new source, the old one as it was."""
        if self.source_before is None:
            source.delete()
        else:
            ProductSource.objects.filter(pk=source.pk).update(**self.source_before)

    def guess_format(self, feed):
        guessed = None
        if not is_url(feed):
            with open(feed, "rb") as file:
                guessed = sniff_format(file.read(8192))
        if guessed is None:
            raise CommandError(
                _("Say which format the feed has with --format (%(formats)s).")
                % {"formats": ", ".join(FeedFormat.values)}
            )
        return guessed

    def sync(self, source, options):
        progress = None
        if self.stderr.isatty():
            progress = ProgressLine(source.name, self.stderr)
        try:
            run = sync_source(
                source, progress=progress, fetch_images=not options["no_images"]
            )
        finally:
            if progress:
                progress.close()
        if run.status != SyncRun.Status.SUCCEEDED:
            line = _("%(source)s: refused: %(reason)s")
            style = self.style.ERROR
        elif run.created or run.updated or run.discontinued:
            line = _("%(source)s: %(summary)s")
            style = self.style.SUCCESS
        else:
            line = _("%(source)s: %(summary)s – nothing changed")
            style = self.style.SUCCESS
        values = {"source": source.name, "summary": summary(run), "reason": run.message}
        self.stdout.write(line % values, style)
        problems = run.problems
        hidden = len(problems) + getattr(run, "problems_omitted", 0) - SHOWN_PROBLEMS
        for problem in problems[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  {describe_problem(problem)}", self.style.WARNING)
        if hidden > 0:
            more = _("  … and %(count)d more") % {"count": hidden}
            self.stdout.write(more, self.style.WARNING)
        return run


def plain(text: str) -> str:
    return text


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
        counts = _("%(done)s products, %(rate)s a second") % {
            "done": number_format(done, force_grouping=True),
            "rate": number_format(round(done / elapsed), force_grouping=True),
        }
        text = f"{self.label} ▕{bar}▏ {counts}"
        # Progress is no error: the plain text, not stderr's red.
        self.out.write("\r" + text.ljust(self.shown), plain, ending="")
        self.out.flush()
        self.shown = len(text)

    def close(self) -> None:
        if self.shown:
            self.out.write("\r" + " " * self.shown + "\r", plain, ending="")
            self.out.flush()
