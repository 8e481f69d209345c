"""CSV product exports: WooCommerce, Shopware 6, or Theke's own columns.

The column mapping is documented in docs/feeds.md; keep the two in step.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from ..items import FeedError, FeedItem, RejectedItem
from .checks import ItemBuilder
from .raw import RawItem, describe, locate_line
from .shopware import Families, Member, Recording, option_values, spool
from .variants import variant_title

# RawItem field ← accepted column names, casefolded; the first one filled wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    "external_id": ("external_id", "id"),
    "title": ("title", "name", "translations.default.name"),
    "description": (
        "description",
        "translations.default.description",
        "short description",
    ),
    "link": ("link", "url", "permalink", "product_url"),
    "image_link": (
        "image_link",
        "image",
        "images",
        "cover.media.url",
        "cover_media_url",
        "image_url",
    ),
    "price": ("price", "regular price", "price.default.gross", "price_gross"),
    "sale_price": ("sale_price", "sale price"),
    "compare_at_price": (
        "compare_at_price",
        "list_price",
        "price.default.listprice.gross",
        "list_price_gross",
    ),
    "sale_price_effective_date": ("sale_price_effective_date",),
    "currency": ("currency",),
    "availability": ("availability",),
    "brand": (
        "brand",
        "brands",
        "manufacturer",
        "manufacturer.translations.default.name",
        "manufacturer.name",
        "manufacturer_name",
    ),
    "category": ("category", "product_type", "categories"),
    "gtin": (
        "gtin",
        "ean",
        "gtin, upc, ean, or isbn",
        "barcode",
        "meta: _ts_gtin",
        "meta: _gtin",
    ),
    "sku": ("sku", "productnumber", "product_number", "mpn", "meta: _ts_mpn"),
    "unit_pricing_measure": ("unit_pricing_measure",),
    "unit_pricing_base_measure": ("unit_pricing_base_measure",),
    "origin": ("origin",),
    "origin_region": ("origin_region",),
    "origin_country": ("origin_country",),
}
# Columns read by a rule of their own rather than copied into one field.
RULE_COLUMNS: dict[str, tuple[str, ...]] = {
    "certifications": ("certifications", "certification"),
    "unit_quantity": (
        "unit_quantity",
        "purchaseunit",
        "purchase_unit",
        "meta: _unit_product",
    ),
    "unit_measure": (
        "unit_measure",
        "unit.translations.default.shortcode",
        "meta: _unit",
    ),
    "unit_base_quantity": (
        "unit_base_quantity",
        "referenceunit",
        "reference_unit",
        "meta: _unit_base",
    ),
    "unit_base_measure": ("unit_base_measure",),
    "external_url": ("external url",),
    "sale_starts": ("date sale price starts",),
    "sale_ends": ("date sale price ends",),
    "in_stock": ("in stock?",),
    "available": ("available",),
    "stock": ("stock", "stock quantity"),
    "active": ("active", "published"),
    "type": ("type",),
    "parent": ("parent", "parentid", "parent_id"),
    "options": ("variation", "options"),
}
REQUIRED = {"external_id": "id", "title": "title", "price": "price"}
EARLIEST, LATEST = "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"
YES = frozenset({"1", "yes", "true", "ja", "y"})
NO = frozenset({"0", "no", "false", "nein", "n"})
HIDDEN_ROWS = frozenset({"0", "-1", "false", "no", "nein"})
CONTAINER_TYPES = frozenset({"variable", "grouped"})
WOO_ATTRIBUTE = re.compile(r"attribute (\d+) name")
SHOPWARE_ID = re.compile(r"[0-9a-f]{32}")
SHOPWARE_CATEGORY_IDS = re.compile(r"[0-9a-f]{32}(?:\|[0-9a-f]{32})*")
# What a Shopware 6 variant never takes from its product: what makes it an
# article of its own. Its prices it takes all together or none of them.
OWN_FIELDS = (
    "external_id",
    "sku",
    "gtin",
    "parent",
    "options",
    "stock",
    "available",
    "availability",
)
PRICE_FIELDS = (
    "price",
    "sale_price",
    "compare_at_price",
    "sale_price_effective_date",
    "currency",
)


def read_rows(
    stream: Iterable[bytes], *, delimiter: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every row, the header first; blank rows skipped.

    The delimiter, when not given, is `,` or `;` as the header uses. Text must be
    UTF-8, with or without a byte order mark.
    """
    lines = _decoded(stream)
    line = 1
    try:
        first = next(lines, "")
        if delimiter is None:
            delimiter = _delimiter(first)
        reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
        for row in reader:
            if any(cell.strip() for cell in row):
                yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        raise FeedError(
            _("Line %(line)d cannot be read: %(reason)s")
            % {"line": line, "reason": error}
        ) from None


def _decoded(stream: Iterable[bytes]) -> Iterator[str]:
    """The stream's lines as text, decoded one by one to name a line not in UTF-8."""
    for number, line in enumerate(stream, 1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise FeedError(
                _("Line %(line)d is not UTF-8 text; save the file as UTF-8.")
                % {"line": number}
            ) from None


def _delimiter(header: str) -> str:
    if "," not in header and ";" not in header:
        if "\t" in header:
            raise FeedError(
                _(
                    "The header is separated by tabs, not commas or semicolons: "
                    "for a Merchant Center text feed choose the format merchant-tsv."
                )
            )
        return ","
    try:
        return csv.Sniffer().sniff(header, delimiters=",;").delimiter
    except csv.Error:
        return "," if header.count(",") >= header.count(";") else ";"


def parse_csv(
    stream: BinaryIO, builder: ItemBuilder
) -> Iterator[FeedItem | RejectedItem]:
    """Each product row of a CSV export; rows of hidden products are left out.

    A Shopware 6 export with variants is read twice (see shopware.py): its
    variants take what they leave empty from their product's row, which is no
    product of its own.
    """
    with spool() as copy:
        recording = Recording(stream, copy)
        rows = read_rows(recording)
        try:
            _line, header_cells = next(rows)
        except StopIteration:
            raise FeedError(_("The file is empty.")) from None
        header = [cell.strip().casefold() for cell in header_cells]
        columns = Columns(header)
        for field, shown in REQUIRED.items():
            if not columns.has(field):
                raise FeedError(
                    _("The header has no %(column)s column; found: %(found)s")
                    % {"column": shown, "found": describe(", ".join(header_cells), 200)}
                )
        builder.html_descriptions = columns.dialect != "own"
        builder.locate = locate_line
        if columns.dialect == "shopware" and columns.has("parent"):
            yield from _shopware_rows(columns, recording, rows, builder)
            return
        recording.stop()
        for line, row in rows:
            columns.remember_parent(row)
            if columns.hidden(row):
                continue
            yield builder.build(columns.read(row, line, builder.base_url))


def _shopware_rows(
    columns: Columns,
    recording: Recording,
    rows: Iterator[tuple[int, list[str]]],
    builder: ItemBuilder,
) -> Iterator[FeedItem | RejectedItem]:
    """The rows of a Shopware 6 export with variants, each variant completed."""
    families = Families(columns.ids)
    for _line, row in rows:
        families.count(row)
    again = read_rows(recording.replay())
    next(again)
    for member in families.pair(again):
        row = member.row
        if member.parent is not None:
            row = columns.inherit(row, member.parent)
        if columns.hidden(row):
            continue
        if member.orphan and not (
            columns.value(row, "title")[1].strip()
            and columns.value(row, "price")[1].strip()
        ):
            yield _orphan(columns, member)
            continue
        raw = columns.read(row, member.line, builder.base_url)
        if member.parent is not None or member.orphan:
            raw.title = columns.variant_title(member)
        yield builder.build(raw)


def _orphan(columns: Columns, member: Member) -> RejectedItem:
    """A variant without its product, which it takes its name and price from."""
    parent = columns.value(member.row, "parent")[1].strip()
    reason = _(
        'variant of the product with id "%(parent)s", which is not in the file: '
        "the variant takes its name and price from it (export products together "
        "with their variants)"
    ) % {"parent": describe(parent)}
    own = columns.value(member.row, "external_id")[1].strip()
    return RejectedItem(locate_line(member.line), reason, own)


class Columns:
    """Where each field stands in a CSV's header, and how to read a row by it."""

    def __init__(self, header: list[str]) -> None:
        self.header = header
        self.width = len(header)
        positions: dict[str, list[int]] = {}
        for index, name in enumerate(header):
            positions.setdefault(name, []).append(index)
        self.fields = {
            field: [(name, i) for name in names for i in positions.get(name, [])]
            for field, names in (COLUMNS | RULE_COLUMNS).items()
        }
        self.details: list[tuple[int | str, int]] = []
        # Variable products' SKU → post id: a variation's "Parent" is written
        # "id:44" by WooCommerce's exporter, or as the parent's SKU.
        self.parent_posts: dict[str, str] = {}
        for index, name in enumerate(header):
            match = WOO_ATTRIBUTE.fullmatch(name)
            if match:
                values = positions.get(f"attribute {match.group(1)} value(s)", [])
                if values:
                    self.details.append((index, values[0]))
            elif name.startswith("meta:"):
                self.details.append((name[5:].strip().lstrip("_"), index))
        if "regular price" in positions or "in stock?" in positions:
            self.dialect = "woocommerce"
        elif "productnumber" in positions or "product_number" in positions:
            self.dialect = "shopware"
        else:
            self.dialect = "own"

    def remember_parent(self, row: list[str]) -> None:
        """Note a WooCommerce variable product's SKU: variations may name it."""
        if self.dialect != "woocommerce" or not self.fields["sku"]:
            return
        kinds = self.value(row, "type")[1].casefold()
        sku = self.value(row, "sku")[1].strip()
        post = self.value(row, "external_id")[1].strip()
        if "variable" in kinds and sku and post.isdigit():
            self.parent_posts[sku] = post

    def ids(self, row: list[str]) -> tuple[str, str]:
        """The row's id and its parent product's id (empty for a product)."""
        own = self.value(row, "external_id")[1].strip().casefold()
        return own, self.value(row, "parent")[1].strip().casefold()

    def inherit(self, row: list[str], parent: list[str]) -> list[str]:
        """A variant's row with the cells it leaves empty taken from its product's."""
        own = self.indices(OWN_FIELDS)
        if any(self.value(row, field)[1].strip() for field in PRICE_FIELDS):
            own |= self.indices(PRICE_FIELDS)
        merged = row + [""] * (self.width - len(row))
        for index, inherited in enumerate(parent[: self.width]):
            if index not in own and not merged[index].strip():
                merged[index] = inherited
        return merged

    def variant_title(self, member: Member) -> str:
        """The variant's title: its name, and what sets it apart from the others.

        The option names, where the export gives them; else, when the variant
        has its product's name, its product number.
        """
        name = self.value(member.row, "title")[1].strip()
        parent = self.value(member.parent or [], "title")[1].strip()
        if name and name.casefold() != parent.casefold():
            fallback = ""
        else:
            name, fallback = parent, self.value(member.row, "sku")[1]
        options = option_values(self.value(member.row, "options")[1])
        return variant_title(name, options, fallback)

    def indices(self, fields: tuple[str, ...]) -> set[int]:
        """Where the columns of these fields stand."""
        return {index for field in fields for _name, index in self.fields[field]}

    def has(self, field: str) -> bool:
        return bool(self.fields[field])

    def value(self, row: list[str], field: str) -> tuple[str, str]:
        """(column name, value) of the first filled column for the field."""
        for name, index in self.fields[field]:
            if index < len(row) and row[index].strip():
                return name, row[index]
        return "", ""

    def hidden(self, row: list[str]) -> bool:
        """Whether the row is a product not on sale, or a container of variations."""
        active = self.value(row, "active")[1].strip().casefold()
        kinds = {
            kind.strip() for kind in self.value(row, "type")[1].casefold().split(",")
        }
        return active in HIDDEN_ROWS or bool(kinds & CONTAINER_TYPES)

    def read(self, row: list[str], line: int, base_url: str) -> RawItem:
        """The row as a RawItem."""
        raw = RawItem(position=line)
        if len(row) > self.width:
            raw.problems.append(
                _("the row has %(found)d fields, the header %(expected)d")
                % {"found": len(row), "expected": self.width}
            )
        for field in COLUMNS:
            name, value = self.value(row, field)
            if value:
                setattr(raw, field, _first_of(name, value))
        for name_or_index, index in self.details:
            name = (
                row[name_or_index]
                if isinstance(name_or_index, int) and name_or_index < len(row)
                else str(name_or_index)
            )
            if index < len(row):
                raw.add_detail(name, row[index])
        certifications = self.value(row, "certifications")[1]
        if certifications:
            raw.certifications.append(certifications)
        self._unit_pricing(raw, row)
        starts = self.value(row, "sale_starts")[1].strip()
        ends = self.value(row, "sale_ends")[1].strip()
        if (starts or ends) and not raw.sale_price_effective_date:
            raw.sale_price_effective_date = f"{starts or EARLIEST}/{ends or LATEST}"
        if not raw.availability:
            raw.availability = self._availability(row)
        if not raw.link:
            raw.link = self.value(row, "external_url")[1] or self._shop_link(
                row, raw.external_id, base_url
            )
        if not raw.link and not self.has("link"):
            raw.missing_link_reason = self._missing_link(raw.external_id, base_url)
        return raw

    def _unit_pricing(self, raw: RawItem, row: list[str]) -> None:
        quantity = self.value(row, "unit_quantity")[1].strip()
        unit = self.value(row, "unit_measure")[1].strip()
        if quantity and unit and not raw.unit_pricing_measure:
            raw.unit_pricing_measure = f"{quantity} {unit}"
            base_quantity = self.value(row, "unit_base_quantity")[1].strip()
            base_unit = self.value(row, "unit_base_measure")[1].strip() or unit
            if base_quantity and not raw.unit_pricing_base_measure:
                raw.unit_pricing_base_measure = f"{base_quantity} {base_unit}"

    def _availability(self, row: list[str]) -> str:
        flag = self.value(row, "in_stock")[1] or self.value(row, "available")[1]
        flag = flag.strip().casefold()
        if flag in YES:
            return "in_stock"
        if flag in NO:
            return "out_of_stock"
        if flag:
            return flag
        stock = self.value(row, "stock")[1].strip()
        try:
            return "in_stock" if float(stock.replace(",", ".")) > 0 else "out_of_stock"
        except ValueError:
            return ""

    def _missing_link(self, external_id: str, base_url: str) -> str:
        """Why no link could be made for a row, in the words a shop owner needs."""
        if not base_url.strip():
            return _(
                "missing link: the file has no link column, and no shop address "
                "is set to make one from the id"
            )
        if self.dialect == "own":
            return _(
                "missing link: the file has no link column, and links are made "
                "from the shop address only for WooCommerce and Shopware exports"
            )
        return _(
            'missing link: no link to the shop can be made from the id "%(id)s"'
        ) % {"id": describe(external_id)}

    def _shop_link(self, row: list[str], external_id: str, base_url: str) -> str:
        """The product's address in a WooCommerce or Shopware shop, made from its id."""
        base = base_url.strip().rstrip("/")
        external_id = external_id.strip()
        if not base or not external_id:
            return ""
        if self.dialect == "woocommerce" and external_id.isdigit():
            parent = self.value(row, "parent")[1].strip()
            parent = self.parent_posts.get(parent, parent.removeprefix("id:"))
            post = parent if parent.isdigit() else external_id
            return f"{base}/?post_type=product&p={post}"
        if self.dialect == "shopware" and SHOPWARE_ID.fullmatch(external_id):
            return f"{base}/detail/{external_id}"
        return ""


def _first_of(column: str, value: str) -> str:
    """The one value a field takes from a column that may list several."""
    if column == "images":
        return value.split(",")[0].strip()
    if column == "categories":
        if SHOPWARE_CATEGORY_IDS.fullmatch(value.strip()):
            return ""
        first = re.split(r"(?<!\\),|\|", value)[0]
        return first.replace("\\,", ",").strip()
    return value
