"""Products mirrored from the shops' feeds, their sources, syncs and pictures."""

from decimal import Decimal
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from home.navigation import live_page
from home.search import WORD, query_terms, spellings

from ..items import FeedError
from ..locations import allowed_feed_path, is_url
from ..panels import FeedFieldPanel
from ..pricing import unit_price


class FeedFormat(models.TextChoices):
    MERCHANT_XML = "merchant-xml", _("Google Merchant Center XML (RSS or Atom)")
    MERCHANT_TSV = "merchant-tsv", _("Google Merchant Center text (tab-separated)")
    CSV = "csv", _("CSV (WooCommerce, Shopware or own columns)")
    SHOPIFY_JSON = "shopify-json", _("Shopify products.json")


class Availability(models.TextChoices):
    IN_STOCK = "in_stock", _("In stock")
    OUT_OF_STOCK = "out_of_stock", _("Out of stock")
    PREORDER = "preorder", _("Preorder")
    BACKORDER = "backorder", _("Backorder")
    DISCONTINUED = "discontinued", _("No longer sold")


class FreeItems(models.TextChoices):
    SHOW = "show", _("Show them as free")
    LEAVE_OUT = "leave-out", _("Leave them out")


class ProductSource(models.Model):
    """A product feed: the shop's own, or a partner shop's whose goods it also sells."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    format = models.CharField(_("format"), max_length=20, choices=FeedFormat.choices)
    location = models.CharField(
        _("feed address"),
        max_length=1000,
        help_text=_("An http(s) address, or the path of a file on the server."),
    )
    shop_name = models.CharField(
        _("sold by"), max_length=120, help_text=_("The shop customers buy from.")
    )
    shop_url = models.URLField(
        _("shop address"),
        blank=True,
        help_text=_(
            "The shop's home page, such as https://shop.example.com: links to "
            "products are made from it where the feed has none (WooCommerce, "
            "Shopware, Shopify)."
        ),
    )
    default_currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        help_text=_("Used where the feed names no currency (Shopify, some CSV)."),
    )
    free_items = models.CharField(
        _("products priced 0.00"),
        max_length=12,
        choices=FreeItems.choices,
        default=FreeItems.LEAVE_OUT,
        help_text=_(
            "Free samples or gift bags in the feed: list them as free, or leave "
            "them out as if the feed did not list them."
        ),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Active sources are synced by default.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("is_active")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("default_currency")]),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("shop_name"), FieldPanel("shop_url")]),
        FieldPanel("free_items"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("product source")
        verbose_name_plural = _("product sources")

    def __str__(self):
        return self.name

    def clean(self):
        """A local feed must lie in an allowed folder; said when it is entered."""
        location = self.location.strip()
        if self.shop_url and _same_address(self.shop_url, location):
            raise ValidationError(
                {
                    "shop_url": _(
                        "Enter the shop's own address, not the feed's: links to "
                        "products are made from it."
                    )
                }
            )
        if not location or is_url(location):
            return
        if len(urlsplit(location).scheme) > 1:
            raise ValidationError(
                {
                    "location": _(
                        "Enter an http(s) address or the path of a file on the server."
                    )
                }
            )
        try:
            allowed_feed_path(location)
        except FeedError as error:
            raise ValidationError({"location": str(error)}) from error

    @cached_property
    def last_run(self):
        return self.sync_runs.order_by("-started_at").first()


FEED_SUFFIXES = (".json", ".xml", ".csv", ".tsv", ".txt")


def _same_address(shop_url: str, location: str) -> bool:
    """Whether the shop address is the feed's, or a feed file's address at all."""
    shop = shop_url.strip().rstrip("/").split("?")[0]
    feed = location.strip().rstrip("/").split("?")[0]
    return shop == feed or urlsplit(shop).path.lower().endswith(FEED_SUFFIXES)


class SyncRun(models.Model):
    """One sync of one source, with what it did and what it refused."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(
        ProductSource,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        related_name="sync_runs",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    discontinued = models.PositiveIntegerField(_("no longer sold"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    problems = models.JSONField(
        _("problems"),
        default=list,
        blank=True,
        help_text=_("Rejected entries and image failures: where, and why."),
    )
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")

    def __str__(self):
        started = date_format(timezone.localtime(self.started_at), "DATETIME_FORMAT")
        return f"{self.source}, {started}"

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at


class BrandProducer(models.Model):
    """Staff's rule: products of this brand come from this producer."""

    brand = models.CharField(
        _("brand in the feed"),
        max_length=200,
        unique=True,
        help_text=_("Matched without regard to upper and lower case."),
    )
    producer = models.ForeignKey(
        "blog.ProducerPage",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="brand_rules",
    )

    panels = [FieldPanel("brand"), FieldPanel("producer")]

    class Meta:
        ordering = ["brand"]
        verbose_name = _("brand to producer rule")
        verbose_name_plural = _("brand to producer rules")

    def __str__(self):
        return f"{self.brand} → {self.producer}"

    def save(self, *args, **kwargs):
        self.brand = " ".join(self.brand.split())
        super().save(*args, **kwargs)


class FeedImage(models.Model):
    """A picture fetched from a feed's image link, fetched once per distinct URL."""

    url = models.CharField(_("address"), max_length=1000, unique=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fetched_at = models.DateTimeField(_("fetched"), auto_now=True)
    error = models.CharField(_("why it failed"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("feed image")
        verbose_name_plural = _("feed images")

    def __str__(self):
        return self.url


# Word endings shorter than this are not indexed: they would match nearly all.
MIN_ENDING_LENGTH = 3


def written_forms(term: str) -> list[str]:
    """The spellings of a search word: "suessrahm" is also "süßrahm"."""
    forms = spellings(term)
    # The umlaut and the sharp s spelled out at once.
    forms += [form.replace("ss", "ß") for form in forms]
    return list(dict.fromkeys(forms))


def word_endings(text: str) -> str:
    """The endings of the words of `text`, so that a word inside a compound is
    found: "Süßrahmbutter" gives "üßrahmbutter … rahmbutter … butter … ter".

    German names products in compounds (Bergkäse, Roggenmehl); whole-word
    search alone would never find the butter in "Süßrahmbutter".
    """
    endings = []
    for word in WORD.findall(text.lower()):
        endings += [
            word[start:] for start in range(1, len(word) - MIN_ENDING_LENGTH + 1)
        ]
    return " ".join(dict.fromkeys(endings))


def index_query(terms: list[str]):
    """A search index query that needs every term, each in any of its spellings."""
    parts = []
    for term in terms:
        forms = [PlainText(form) for form in written_forms(term)]
        parts.append(forms[0] if len(forms) == 1 else Or(forms))
    return parts[0] if len(parts) == 1 else And(parts)


class ProductQuerySet(models.QuerySet):
    def for_listing(self):
        """By title, with what a product card shows loaded alongside."""
        return (
            self.select_related("image", "producer", "source")
            .prefetch_related("image__renditions")
            .order_by("title", "pk")
        )

    def on_sale(self):
        """Products the shops still sell, whether in stock or not."""
        return self.exclude(availability=Availability.DISCONTINUED)

    def matching(self, query: str, numbers: tuple[str, ...] = ()):
        """Products whose text holds every word of the query, found in the search
        index, or whose `numbers` (such as the SKU) hold every word; annotated
        for ordering: `title_match` 0 where the first word is in the title,
        `still_sold` 0 unless no longer sold.

        A word matches where a word of the product starts with it, or ends a
        compound with it ("butter" in "Süßrahmbutter"), and, on PostgreSQL, a
        word of the same German stem ("Äpfel" for "Apfel").
        """
        terms = query_terms(query)
        if not terms:
            return self.none()
        query = index_query(terms)
        backend = get_search_backend()
        everything = self.model.objects.all()
        by_stem = backend.search(query, everything, order_by_relevance=False)
        by_start = backend.autocomplete(query, everything, order_by_relevance=False)
        # One set of ids, gathered once: an OR of two subqueries made SQLite
        # test every product against both.
        found = Q(pk__in=_ids(by_stem).union(_ids(by_start)))
        if numbers:
            found |= _every_term_in(terms, numbers)
        in_title = Q()
        for form in written_forms(terms[0]):
            in_title |= Q(title__icontains=form)
        return self.filter(found).annotate(
            title_match=Case(
                When(in_title, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            still_sold=Case(
                When(availability=Availability.DISCONTINUED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )


def _ids(results):
    """The ids of a database search backend's results, as a subquery."""
    return results.get_queryset().order_by().values("pk")


def _every_term_in(terms: list[str], fields: tuple[str, ...]) -> Q:
    """Every term inside one of the fields, as typed: numbers such as SKUs and
    GTINs, which no word index splits the way a shop writes them."""
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    return condition


# Feed fields staff read within another one (a currency with its amount), and
# the picture's address, which the edit form leaves out.
NOT_SHOWN_APART = {"currency", "unit_measure", "unit_base_measure", "image_link"}


def shown_feed_fields(feed_fields: tuple[str, ...]) -> list[str]:
    """The feed's fields as staff read them: the title and source first, the
    sync's own dates last."""
    rest = [name for name in feed_fields if name not in {"title", *NOT_SHOWN_APART}]
    return ["title", "source", *rest, "last_seen_at", "synced_at"]


FEED_PANEL_OPTIONS = {"unit_base_quantity": {"heading": _("Unit price")}}


class Product(index.Indexed, models.Model):
    """A product mirrored from a shop's feed, plus what staff add by hand."""

    # What the feed owns: every sync may overwrite these, and only a sync writes
    # them. Each product's stored digest follows this order (see sync.writing):
    # a new field goes at the end.
    FEED_FIELDS = (
        "external_id",
        "title",
        "description",
        "link",
        "image_link",
        "price",
        "currency",
        "sale_price",
        "unit_quantity",
        "unit_measure",
        "unit_base_quantity",
        "unit_base_measure",
        "availability",
        "brand",
        "category",
        "gtin",
        "sku",
        "origin_region",
        "origin_country",
        "certifications",
    )
    # What staff add by hand; a sync never writes these.
    HAND_FIELDS = ("producer", "producer_set_by_hand", "origin_notes", "how_made")

    # From the feed: every sync may overwrite these.
    source = models.ForeignKey(
        ProductSource,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    external_id = models.CharField(_("id in the feed"), max_length=255)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link to buy"), max_length=1000)
    image_link = models.CharField(_("image address"), max_length=1000, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    sale_price = models.DecimalField(
        _("sale price"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit_quantity = models.DecimalField(
        _("content"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    unit_measure = models.CharField(_("content unit"), max_length=8, blank=True)
    unit_base_quantity = models.DecimalField(
        _("unit price per"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    unit_base_measure = models.CharField(_("unit price unit"), max_length=8, blank=True)
    availability = models.CharField(
        _("availability"),
        max_length=16,
        choices=Availability.choices,
        default=Availability.IN_STOCK,
    )
    brand = models.CharField(_("brand"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=300, blank=True)
    gtin = models.CharField(_("GTIN"), max_length=50, blank=True)
    sku = models.CharField(_("SKU"), max_length=100, blank=True)
    origin_region = models.CharField(_("region of origin"), max_length=120, blank=True)
    origin_country = models.CharField(
        _("country of origin"), max_length=120, blank=True
    )
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    last_seen_at = models.DateTimeField(_("last seen in the feed"), db_index=True)
    synced_at = models.DateTimeField(_("data last changed by a sync"))

    # By hand: a sync never touches these.
    producer = models.ForeignKey(
        "blog.ProducerPage",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    producer_set_by_hand = models.BooleanField(
        _("producer chosen by hand"),
        default=False,
        help_text=_("If set, brand rules no longer change the producer."),
    )
    origin_notes = models.TextField(
        _("notes on origin"),
        blank=True,
        help_text=_("Where exactly it comes from, in the shop's own words."),
    )
    how_made = models.TextField(
        _("how it is made"), blank=True, help_text=_("In the shop's own words.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    SHOWN_FEED_FIELDS = shown_feed_fields(FEED_FIELDS)

    panels = [
        MultiFieldPanel(
            [FieldPanel(name) for name in HAND_FIELDS],
            heading=_("Added by the shop"),
        ),
        MultiFieldPanel(
            [
                FeedFieldPanel(name, **FEED_PANEL_OPTIONS.get(name, {}))
                for name in SHOWN_FEED_FIELDS
            ],
            heading=_("From the feed (changed by each sync)"),
        ),
    ]

    # Kept by Wagtail's signals for single saves and deletions, and by the sync
    # (shop_link/indexing.py) for what it writes in bulk. Brand, category and
    # description go in as one text each way: the index reads every field once
    # per product and per kind, which is most of what indexing costs.
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("indexed_text"),
        index.AutocompleteField("indexed_words"),
        index.FilterField("availability"),
        index.FilterField("category"),
        index.FilterField("producer"),
        index.FilterField("source"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="unique_product_per_source"
            )
        ]
        indexes = [models.Index(fields=["source", "availability"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The product's page in the live catalogue, or "" without one."""
        # Through the app registry: the page module imports this one.
        catalogue = self._meta.apps.get_model("shop_link", "ProductIndexPage")
        index = live_page(catalogue, public=False)
        return index.product_url(self) if index else ""

    def indexed_text(self) -> str:
        """What the index holds beside the title, searched by whole words."""
        return f"{self.brand}\n{self.category}\n{self.description}"

    def indexed_words(self) -> str:
        """What the index matches words' starts in: the whole text, and the
        endings of the words of title, brand and category, so that words inside
        compounds are found."""
        names = f"{self.title}\n{self.brand}\n{self.category}"
        return f"{self.title}\n{self.indexed_text()}\n{word_endings(names)}"

    @property
    def is_discontinued(self):
        return self.availability == Availability.DISCONTINUED

    @property
    def current_price(self) -> Decimal:
        return self.sale_price if self.sale_price is not None else self.price

    @property
    def unit_price(self):
        """(amount, quantity, measure) for the price per base unit, or None."""
        return unit_price(
            self.current_price,
            self.unit_quantity,
            self.unit_measure,
            self.unit_base_quantity,
            self.unit_base_measure,
        )


class ProductMention(models.Model):
    """A live page that shows a product: kept when pages are published."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="mentions"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="product_mentions"
    )

    class Meta:
        verbose_name = _("product mention")
        verbose_name_plural = _("product mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "page"], name="unique_product_mention"
            )
        ]

    def __str__(self):
        return f"{self.page_id} → {self.product_id}"
