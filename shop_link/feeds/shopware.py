"""Shopware 6 variants in a product export: each paired with its product's row.

A variant's row names its product in `parent_id` and leaves empty what it takes
from it: name, description, price, picture, manufacturer, categories. The
product's own row is a container of its variants, not an article of its own.
The product may stand before or after its variants, so the file is read twice:
the first reading counts each product's variants, the second pairs them.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

# A file up to this size is read again from memory, a larger one from disk.
COPY_IN_MEMORY = 16 * 1024 * 1024
OPTION_IDS = re.compile(r"[0-9a-f]{32}(?:\|[0-9a-f]{32})*")
GROUP_PREFIX = re.compile(r"[^:]+:\s+(.*)", re.S)


class Recording:
    """A stream read line by line and copied into `copy`, to be read once more."""

    def __init__(self, stream: Iterable[bytes], copy: BinaryIO) -> None:
        self.stream = stream
        self.copy: BinaryIO | None = copy

    def __iter__(self) -> Iterator[bytes]:
        for line in self.stream:
            if self.copy is not None:
                self.copy.write(line)
            yield line

    def stop(self) -> None:
        """Copy no more: the file will not be read again."""
        self.copy = None

    def replay(self) -> BinaryIO:
        """The copy of the lines read so far, from the first; no more is copied."""
        copy, self.copy = self.copy, None
        if copy is None:
            raise ValueError("the recording was stopped")
        copy.seek(0)
        return copy


def spool() -> BinaryIO:
    """A file for a recording: in memory while small, on disk once large."""
    return tempfile.SpooledTemporaryFile(max_size=COPY_IN_MEMORY)  # noqa: SIM115


@dataclass(frozen=True, slots=True)
class Member:
    """A row of the export as it is to be read, with its product's row if a variant.

    `parent` is None for a product without variants, and for a variant whose
    product the file does not list (`orphan`).
    """

    line: int
    row: list[str]
    parent: list[str] | None = None
    orphan: bool = False


class Families:
    """Products and their variants, paired over two readings of one export.

    `ids(row)` gives a row's id and its parent's id (empty for a product).
    """

    def __init__(self, ids: Callable[[list[str]], tuple[str, str]]) -> None:
        self.ids = ids
        self.variants: Counter[str] = Counter()

    def count(self, row: list[str]) -> None:
        """First reading: note the row's product, if it is a variant."""
        parent = self.ids(row)[1]
        if parent:
            self.variants[parent] += 1

    def pair(self, rows: Iterable[tuple[int, list[str]]]) -> Iterator[Member]:
        """Second reading: every row but the containers, variants with their product.

        Rows come in the file's order, except that a variant before its product
        follows the product, and variants of products the file lacks come last.
        Only containers with variants still to come and variants waiting for
        their container are held in memory.
        """
        to_come = Counter(self.variants)
        containers: dict[str, list[str]] = {}
        waiting: dict[str, list[tuple[int, list[str]]]] = {}
        for line, row in rows:
            own, parent = self.ids(row)
            if not parent:
                if own not in self.variants:
                    yield Member(line, row)
                    continue
                containers[own] = row
                parent, ready = own, waiting.pop(own, [])
            elif parent in containers:
                ready = [(line, row)]
            else:
                waiting.setdefault(parent, []).append((line, row))
                continue
            for variant_line, variant in ready:
                yield Member(variant_line, variant, containers[parent])
                to_come[parent] -= 1
            if to_come[parent] <= 0:
                containers.pop(parent, None)
        for orphans in waiting.values():
            for line, row in orphans:
                yield Member(line, row, orphan=True)


def option_values(text: str) -> list[str]:
    """The option names a variant's options column gives ("Rot", "M"), in order.

    Shopware's default profile writes only the options' ids (`optionIds`): they
    name nothing and give no values. A profile may add the variant's
    `variation`, a JSON list of groups and options; a column written by hand
    may list "Farbe: Rot | Größe: M".
    """
    text = text.strip()
    if not text or OPTION_IDS.fullmatch(text.casefold()):
        return []
    if text.startswith("["):
        try:
            entries = json.loads(text)
        except ValueError:
            entries = None
        if isinstance(entries, list):
            return [_option(entry) for entry in entries]
    values = []
    for part in text.split("|"):
        prefixed = GROUP_PREFIX.fullmatch(part.strip())
        values.append(prefixed.group(1) if prefixed else part)
    return values


def _option(entry: object) -> str:
    if isinstance(entry, dict):
        entry = entry.get("option", "")
    return entry if isinstance(entry, str) else ""
