"""Product pictures fetched from feeds' image links and stored as Wagtail images.

Each distinct address is fetched once and remembered as a FeedImage; products
that share an address share the picture, and a product's picture changes only
when its link does. A link that fails is remembered with its reason and tried
again after SHOP_LINK_IMAGE_RETRY_AFTER seconds; until then a sync reports the
earlier failure without asking the server again.

Remote links are fetched over http(s) only. Links to files on this server are
read only for a feed that is itself a local file, and only from inside the
feed's folder. Every file is opened with Pillow, checked against the pixel limit
before any pixel is decoded, decoded in full, and stored re-encoded in the format
Pillow found, without its metadata (camera data, places).
"""

from __future__ import annotations

import hashlib
import io
import logging
import posixpath
import warnings
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.core.files.images import ImageFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection

from . import net
from .conf import setting
from .models.products import FeedImage, Product

logger = logging.getLogger(__name__)

# Pillow's format names, and the file extension each is stored with.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
LOOKUP_BATCH = 500


class ImageProblem(Exception):
    """An image link that gave no usable picture; the message says why."""


def attach_images(
    products: Iterable[Product], *, base_location: str = ""
) -> list[dict]:
    """Give each product the picture its image link points to.

    `base_location` is where the feed came from (an http(s) address, or the path
    of the local feed file or of its folder); relative links are resolved
    against it. Products without a usable picture end up without one. Returns
    the failures as [{"location": external id, "reason": …}]; a bad image never
    raises. Only the products' `image` column is written.
    """
    problems: list[dict] = []
    by_address: dict[str, list[Product]] = {}
    without_image: list[Product] = []
    for product in products:
        link = product.image_link.strip()
        if not link:
            without_image.append(product)
            continue
        try:
            address = resolve(link, base_location)
        except ImageProblem as problem:
            problems.append(_problem(product, problem))
            without_image.append(product)
            continue
        by_address.setdefault(address, []).append(product)

    known = _feed_images(list(by_address))
    collection = None
    for address, group in by_address.items():
        feed_image = known.get(address)
        if feed_image is not None and feed_image.image_id is not None:
            _set_image(group, feed_image.image_id)
            continue
        try:
            if collection is None:
                collection = image_collection()
            image_id = _fetch_and_store(address, feed_image, group[0], collection)
        except ImageProblem as problem:
            problems.extend(_problem(product, problem) for product in group)
            without_image.extend(group)
            continue
        _set_image(group, image_id)
    _set_image(without_image, None)
    return problems


def resolve(link: str, base_location: str = "") -> str:
    """The address a FeedImage is kept under: an http(s) URL or a file: URI."""
    address = _resolved(link, base_location)
    if len(address) > FeedImage._meta.get_field("url").max_length:
        raise ImageProblem(_("the address is too long"))
    return address


def _resolved(link: str, base_location: str) -> str:
    base_dir = _local_folder(base_location)
    parts = urlsplit(link)
    scheme = parts.scheme.lower()
    if scheme in net.WEB_SCHEMES:
        if not parts.hostname:
            raise ImageProblem(_("the address names no server"))
        return link
    if scheme == "file":
        if base_dir is None:
            raise ImageProblem(
                _("file addresses are only followed for a feed read from a file")
            )
        return _inside(base_dir, Path(unquote(parts.path)))
    if scheme:
        raise ImageProblem(
            _("addresses starting with “%(scheme)s:” are not fetched")
            % {"scheme": scheme}
        )
    if base_dir is not None:
        return _inside(base_dir, base_dir / unquote(parts.path))
    if urlsplit(base_location).scheme.lower() in net.WEB_SCHEMES:
        return _resolved(urljoin(base_location, link), "")
    raise ImageProblem(_("the link is relative and the feed has no address"))


def image_collection() -> Collection:
    """The collection pictures from feeds are stored in, created when missing."""
    name = setting("SHOP_LINK_IMAGE_COLLECTION")
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    return collection


def _local_folder(base_location: str) -> Path | None:
    """The feed's folder when the feed is a local file, else None."""
    if not base_location:
        return None
    parts = urlsplit(base_location)
    if parts.scheme.lower() in net.WEB_SCHEMES:
        return None
    if parts.scheme.lower() == "file":
        path = Path(unquote(parts.path))
    elif parts.scheme:
        return None
    else:
        path = Path(base_location)
    path = path.resolve()
    return path if path.is_dir() else path.parent


def _inside(base_dir: Path, path: Path) -> str:
    """`path` as a file: URI if it stays in `base_dir`, links followed."""
    resolved = path.resolve()
    if not resolved.is_relative_to(base_dir):
        raise ImageProblem(_("the file lies outside the feed's folder"))
    return resolved.as_uri()


def _feed_images(addresses: list[str]) -> dict[str, FeedImage]:
    found = {}
    for start in range(0, len(addresses), LOOKUP_BATCH):
        batch = addresses[start : start + LOOKUP_BATCH]
        found.update(
            (feed_image.url, feed_image)
            for feed_image in FeedImage.objects.filter(url__in=batch)
        )
    return found


def _fetch_and_store(address, feed_image, product, collection) -> int:
    """Fetch, check and store the picture at `address`; remember the outcome."""
    if feed_image is not None and feed_image.error:
        retry_at = feed_image.fetched_at + timedelta(
            seconds=setting("SHOP_LINK_IMAGE_RETRY_AFTER")
        )
        if timezone.now() < retry_at:
            raise ImageProblem(
                _(
                    "%(reason)s (failed on %(tried)s, will be tried again after "
                    "%(retry)s)"
                )
                % {
                    "reason": feed_image.error,
                    "tried": _when(feed_image.fetched_at),
                    "retry": _when(retry_at),
                }
            )
    try:
        data, content_type = _read(address)
        image_format, data = _checked(data, content_type)
    except ImageProblem as problem:
        FeedImage.objects.update_or_create(
            url=address, defaults={"image": None, "error": str(problem)[:300]}
        )
        raise
    image = _store(address, data, image_format, product.title, collection)
    FeedImage.objects.update_or_create(
        url=address, defaults={"image": image, "error": ""}
    )
    return image.pk


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _read(address: str) -> tuple[bytes, str]:
    """The file's bytes and its declared content type ("" for local files)."""
    max_bytes = setting("SHOP_LINK_IMAGE_MAX_BYTES")
    if address.startswith("file:"):
        path = Path(unquote(urlsplit(address).path))
        try:
            if not path.is_file():
                raise ImageProblem(_("there is no such file"))
            with path.open("rb") as file:
                data = file.read(max_bytes + 1)
        except OSError as error:
            raise ImageProblem(
                _("the file cannot be read (%(error)s)") % {"error": error.strerror}
            ) from error
        if len(data) > max_bytes:
            raise _too_large(max_bytes)
        return data, ""
    # The whole download is cut off after the same time a single read may wait.
    timeout = setting("SHOP_LINK_IMAGE_TIMEOUT")
    limits = net.Limits(timeout=timeout, deadline=timeout, max_bytes=max_bytes)
    data = io.BytesIO()
    try:
        downloaded = net.download(address, data, limits, accept="image/*")
    except net.DownloadError as error:
        raise ImageProblem(str(error)) from error
    return data.getvalue(), downloaded.content_type


def _too_large(max_bytes: int) -> ImageProblem:
    return ImageProblem(
        _("the image is larger than %(size)s") % {"size": filesizeformat(max_bytes)}
    )


def _checked(data: bytes, content_type: str) -> tuple[str, bytes]:
    """Pillow's name for the format and the picture re-encoded without metadata."""
    max_pixels = setting("SHOP_LINK_IMAGE_MAX_PIXELS")
    formats = list(ACCEPTED_FORMATS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=formats) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(width, height, max_pixels)
                image.verify()
            with Image.open(io.BytesIO(data), formats=formats) as image:
                image_format = image.format
                image.load()
                return image_format, _reencoded(image, image_format)
    except UnidentifiedImageError as error:
        if content_type and not content_type.startswith("image/"):
            raise ImageProblem(
                _("not an image but %(type)s") % {"type": content_type}
            ) from error
        raise ImageProblem(_("not a JPEG, PNG, WebP or GIF image")) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageProblem(
            _("the image has more than %(limit)s pixels") % {"limit": f"{max_pixels:,}"}
        ) from error
    except ImageProblem:
        raise
    except Exception as error:
        # Damaged files make Pillow raise many kinds of errors; all mean the same.
        logger.debug("Image does not decode", exc_info=True)
        raise ImageProblem(
            _("the image is damaged or incomplete (%(error)s)") % {"error": error}
        ) from error


def _too_many_pixels(width: int, height: int, limit: int) -> ImageProblem:
    return ImageProblem(
        _("the image has %(width)s × %(height)s pixels, more than %(limit)s")
        % {"width": width, "height": height, "limit": f"{limit:,}"}
    )


def _reencoded(image: Image.Image, image_format: str) -> bytes:
    """The first frame in the same format, upright, with no metadata but colours."""
    options = {}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if image_format == "JPEG":
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options.update(quality=90, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=90)
    elif "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def _store(address, data, image_format, title, collection):
    name = posixpath.basename(unquote(urlsplit(address).path))
    stem = slugify(posixpath.splitext(name)[0])
    file_name = f"{stem[:60] or 'produkt'}.{ACCEPTED_FORMATS[image_format]}"
    image = get_image_model()(
        title=title[:255],
        collection=collection,
        file=ImageFile(io.BytesIO(data), name=file_name),
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 - as Wagtail stores it
    )
    image.save()
    return image


def _set_image(products: list[Product], image_id: int | None) -> None:
    """Point the products at the image, writing only those that change."""
    changed = [product for product in products if product.image_id != image_id]
    for start in range(0, len(changed), LOOKUP_BATCH):
        batch = changed[start : start + LOOKUP_BATCH]
        Product.objects.filter(pk__in=[product.pk for product in batch]).update(
            image=image_id
        )
    for product in changed:
        product.image_id = image_id


def _problem(product: Product, problem: ImageProblem) -> dict:
    return {
        "location": product.external_id,
        "reason": _("image %(link)s: %(reason)s")
        % {"link": net.shortened(product.image_link.strip()), "reason": problem},
    }
