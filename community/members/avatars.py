"""Member pictures: uploads checked and re-encoded, and the initials avatar."""

import hashlib
import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
SIZE = 256
# Pillow format name → the MIME type a browser may offer.
ALLOWED_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

# How many background colours initials may have: theke.css gives each tone its
# colour (`.avatar--tone-0` …), all with 4.5:1 contrast to white text. Pages
# set no inline style, which the content security policy would refuse.
INITIALS_TONES = 6
# The sizes of the initials avatar, in CSS pixels (`.avatar--24` …).
INITIALS_SIZES = (24, 32, 40, 48, 64, 96)


class AvatarError(Exception):
    """An upload that is no usable picture, with a message for the member."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def clean_avatar(upload) -> ContentFile:
    """Check an uploaded picture and return it as a fresh 256×256 WebP without metadata.

    Raises AvatarError when the file is too big, no picture, of another type or
    has too many pixels; the pixel count is read from the header before decoding.
    """
    if upload.size is not None and upload.size > MAX_BYTES:
        raise AvatarError(_("The picture is larger than 2 MB."), "too_big")
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise AvatarError(_("The picture is larger than 2 MB."), "too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ALLOWED_TYPES))
            if image.width > MAX_SIDE or image.height > MAX_SIDE:
                raise AvatarError(
                    _("The picture may be at most 4000 × 4000 pixels."), "too_large"
                )
            image.load()
    except AvatarError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise AvatarError(
            _("The picture may be at most 4000 × 4000 pixels."), "too_large"
        ) from error
    except Exception as error:  # Pillow raises many kinds for broken files.
        raise AvatarError(
            _("This file is not a JPEG, PNG or WebP picture."), "not_an_image"
        ) from error
    # Turn the pixels as the camera meant, before the orientation tag is dropped.
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    image = ImageOps.fit(image, (SIZE, SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # A new image from the pixels only: no EXIF, XMP, ICC or comments survive.
    fresh = Image.new(image.mode, image.size)
    fresh.paste(image)
    fresh.save(out, format="WEBP", quality=85, method=4)
    digest = hashlib.sha256(out.getvalue()).hexdigest()[:16]
    return ContentFile(out.getvalue(), name=f"{digest}.webp")


def _has_alpha(image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )


def initials_tone(key: str) -> int:
    """A stable background colour, by its number, for one member's initials."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % INITIALS_TONES


def initials_size(size: int) -> int:
    """The size of the initials avatar nearest to `size` pixels."""
    return min(INITIALS_SIZES, key=lambda known: (abs(known - size), known))


def initials_of(name: str) -> str:
    """Up to two initials of a public name, for the avatar without a picture."""
    parts = [part for part in name.split() if part[:1].isalnum()]
    return "".join(part[0] for part in parts[:2]).upper() or "?"
