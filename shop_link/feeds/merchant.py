"""Google Merchant Center product feeds: RSS 2.0 or Atom XML, and the text form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

from ..items import FeedError, FeedItem, RejectedItem
from .checks import ItemBuilder
from .raw import RawItem, describe, locate_item, locate_line
from .tabular import read_rows
from .variants import variant_title

G = "{http://base.google.com/ns/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"
# Merchant Center attribute → RawItem field, for attributes that are plain text.
ATTRIBUTES = {
    "id": "external_id",
    "title": "title",
    "description": "description",
    "link": "link",
    "image_link": "image_link",
    "price": "price",
    "sale_price": "sale_price",
    "sale_price_effective_date": "sale_price_effective_date",
    "availability": "availability",
    "brand": "brand",
    "gtin": "gtin",
    "mpn": "sku",
    "product_type": "category",
    "unit_pricing_measure": "unit_pricing_measure",
    "unit_pricing_base_measure": "unit_pricing_base_measure",
}
# RSS and Atom elements that stand in for a Merchant attribute missing in g:.
FALLBACKS = {
    "title": "title",
    "description": "description",
    "summary": "description",
    "content": "description",
    "link": "link",
}
# The same, by the element's full name, to read items without slicing names.
G_FIELDS = {G + name: field for name, field in ATTRIBUTES.items()}
FALLBACK_TAGS = {
    **FALLBACKS,
    **{ATOM + name: field for name, field in FALLBACKS.items()},
    G + "google_product_category": "category",
}
REQUIRED_COLUMNS = ("id", "title", "link", "price")
# What tells the variants of one item group apart, in the order a title names it.
VARIANT_ATTRIBUTES = ("color", "size", "material", "pattern")
G_VARIANT = {G + name: name for name in (*VARIANT_ATTRIBUTES, "item_group_id")}


def not_a_feed(detail: str) -> FeedError:
    """The error for a file that is no Merchant Center XML feed."""
    return FeedError(
        _("The file is not a Merchant Center XML feed: %(detail)s") % {"detail": detail}
    )


CHUNK_BYTES = 64 * 1024


def parse_xml(
    stream: BinaryIO, builder: ItemBuilder
) -> Iterator[FeedItem | RejectedItem]:
    """Each <item> of an RSS feed or <entry> of an Atom feed, read incrementally.

    The file is fed to defusedxml's parser in chunks; only the item being read is
    ever built as a tree, so memory stays bounded however long the feed. DTDs,
    entities and external references are refused.
    """
    builder.locate = locate_item
    collector = _ItemCollector()
    parser = DefusedXMLParser(target=collector, forbid_dtd=True)
    count = 0
    try:
        while chunk := stream.read(CHUNK_BYTES):
            parser.feed(chunk)
            for element in collector.take():
                count += 1
                yield builder.build(read_item(element, count))
        parser.close()
        for element in collector.take():
            count += 1
            yield builder.build(read_item(element, count))
    except ParseError as error:
        raise not_a_feed(_parse_error(error)) from None
    except DTDForbidden:
        raise not_a_feed(
            _("it contains a document type declaration (DTD), refused for safety")
        ) from None
    except EntitiesForbidden:
        raise not_a_feed(_("it declares entities, refused for safety")) from None
    except ExternalReferenceForbidden:
        raise not_a_feed(
            _("it refers to external entities, refused for safety")
        ) from None


class _ItemCollector:
    """A parser target that builds a tree of each item alone, and nothing else."""

    def __init__(self) -> None:
        self.depth = 0
        self.item_depth, self.item_tag = 0, ""
        self.in_container = False
        self.tree: TreeBuilder | None = None
        self.finished: list[Element] = []

    def take(self) -> list[Element]:
        """The items finished since the last call."""
        finished, self.finished = self.finished, []
        return finished

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            self.item_depth, self.item_tag = _items_of(tag)
            self.in_container = self.item_depth == 2
        elif self.depth == 2 and self.item_depth == 3:
            self.in_container = tag == "channel"
        elif (
            self.depth == self.item_depth and tag == self.item_tag and self.in_container
        ):
            self.tree = TreeBuilder()
        if self.tree is not None:
            self.tree.start(tag, attributes)

    def data(self, text: str) -> None:
        if self.tree is not None:
            self.tree.data(text)

    def end(self, tag: str) -> None:
        if self.tree is not None:
            self.tree.end(tag)
            if self.depth == self.item_depth:
                self.finished.append(self.tree.close())
                self.tree = None
        self.depth -= 1

    def close(self) -> None:
        return None


def _items_of(root: str) -> tuple[int, str]:
    """Depth and tag of the items under this root element."""
    if root == "rss":
        return 3, "item"
    if root.rpartition("}")[2] == "feed":
        namespace = root.rpartition("}")[0]
        return 2, f"{namespace}}}entry" if namespace else "entry"
    raise not_a_feed(
        _("its root element is <%(tag)s>, not <rss> or <feed>")
        % {"tag": describe(root.rpartition("}")[2], 30)}
    )


def _parse_error(error: ParseError) -> str:
    line, column = error.position
    reason = str(error).split(":")[0]
    if error.code == 3:  # no element found: the document stopped early
        reason = _("it ends before the XML is complete (cut off?)")
    elif error.code == 11:
        reason = _("undefined entity (HTML entities such as &nbsp; are not XML)")
    return _("%(reason)s (line %(line)d, column %(column)d)") % {
        "reason": reason,
        "line": line,
        "column": column + 1,
    }


def read_item(element: Element, number: int) -> RawItem:
    """The attributes of one <item> or <entry> as a RawItem."""
    raw = RawItem(position=number)
    fallbacks: dict[str, str] = {}
    variant: dict[str, str] = {}
    for child in element:
        tag = child.tag
        field = G_FIELDS.get(tag)
        if field is not None:
            if not getattr(raw, field):
                setattr(raw, field, _text(raw, child))
        elif tag in G_VARIANT:
            variant.setdefault(G_VARIANT[tag], child.text or "")
        elif tag == G + "product_detail":
            _detail(raw, child)
        elif tag == G + "certification":
            _certification(raw, child)
        elif tag in ("link", ATOM + "link") and child.get("href") is not None:
            if child.get("rel", "alternate") == "alternate":
                fallbacks.setdefault("link", child.get("href", ""))
        elif tag in FALLBACK_TAGS:
            fallbacks.setdefault(FALLBACK_TAGS[tag], _text(raw, child))
    for field, value in fallbacks.items():
        if field == "category" and value.strip().isdigit():
            continue  # a taxonomy number names no category a reader would know
        if not getattr(raw, field):
            setattr(raw, field, value)
    name_variant(raw, variant)
    return raw


def name_variant(raw: RawItem, variant: dict[str, str]) -> None:
    """Add what sets a member of an item group apart to its title (variants.py)."""
    if not variant.get("item_group_id", "").strip():
        return
    raw.title = variant_title(
        raw.title,
        (variant.get(name, "") for name in VARIANT_ATTRIBUTES),
        fallback=raw.external_id,
    )


def _text(raw: RawItem, element: Element) -> str:
    if len(element):
        name = element.tag.rpartition("}")[2]
        raw.problems.append(
            _("%(field)s contains XML elements instead of text") % {"field": name}
        )
    return element.text or ""


def _detail(raw: RawItem, element: Element) -> None:
    name = element.findtext(f"{G}attribute_name") or ""
    value = element.findtext(f"{G}attribute_value") or ""
    raw.add_detail(name, value)


def _certification(raw: RawItem, element: Element) -> None:
    name = element.findtext(f"{G}certification_name") or element.findtext(
        f"{G}certification_authority"
    )
    if name and name.strip():
        raw.certifications.append(name)


def parse_tsv(
    stream: BinaryIO, builder: ItemBuilder
) -> Iterator[FeedItem | RejectedItem]:
    """Each row of the tab-separated text form, the first row naming the attributes."""
    builder.locate = locate_line
    rows = read_rows(stream, delimiter="\t")
    header = [_column(name) for name in next(rows)[1]]
    for required in REQUIRED_COLUMNS:
        if required not in header:
            raise FeedError(
                _("The header has no %(column)s column; found: %(found)s")
                % {"column": required, "found": describe(", ".join(header), 200)}
            )
    for line, row in rows:
        raw = RawItem(position=line)
        variant: dict[str, str] = {}
        if len(row) > len(header):
            raw.problems.append(
                _("the row has %(found)d fields, the header %(expected)d")
                % {"found": len(row), "expected": len(header)}
            )
        for name, value in zip(header, row, strict=False):
            if name == "product_detail":
                # section:attribute:value
                parts = value.split(":", 2)
                if len(parts) == 3:
                    raw.add_detail(parts[1], parts[2])
            elif name == "certification":
                # authority:name:code, or just the name
                parts = value.split(":")
                raw.certifications.append(parts[1] if len(parts) == 3 else value)
            elif name == "google_product_category":
                if not value.strip().isdigit() and not raw.category:
                    raw.category = value
            elif name in ATTRIBUTES:
                field = ATTRIBUTES[name]
                if not getattr(raw, field):
                    setattr(raw, field, value)
            elif name in VARIANT_ATTRIBUTES or name == "item_group_id":
                variant.setdefault(name, value)
        name_variant(raw, variant)
        yield builder.build(raw)


def _column(name: str) -> str:
    name = name.strip().casefold()
    return name.removeprefix("g:")
