"""Illustrations for the demo shop, drawn with Pillow: nothing is downloaded.

`make_image(kind, seed, size)` returns JPEG bytes that are the same for the same
arguments; `demo_image(title, kind, seed)` gets or creates a Wagtail image with that
title in the "Demo" collection. Other apps draw their own demo pictures (products,
say) with the same two calls.
"""

import contextlib
import contextvars
import hashlib
import io
import random
from collections.abc import Callable, Iterator

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageOps
from wagtail.images import get_image_model
from wagtail.models import Collection

from .bakery import draw_bread, draw_grain
from .canvas import Canvas, Size
from .dairy import draw_cheese, draw_eggs, draw_milk
from .garden import draw_apples, draw_pumpkins, draw_vegetables
from .kitchen import draw_dish
from .landscapes import draw_landscape, draw_pasture
from .pantry import draw_honey, draw_preserves
from .portraits import draw_portrait

JPEG_QUALITY = 85
HERO_SIZE: Size = (1600, 1000)
PORTRAIT_SIZE: Size = (800, 800)
SQUARE_SIZE: Size = (1000, 1000)
DEMO_COLLECTION = "Demo"

# Demo runs may shrink every picture (the test suite does, to stay fast).
image_scale: contextvars.ContextVar[float] = contextvars.ContextVar(
    "demo_image_scale", default=1.0
)


# Scenes with writing in them, which must not be mirrored.
LETTERED = {"grain", "honey", "milk", "portrait", "preserves"}

KINDS: dict[str, Callable] = {
    "landscape": draw_landscape,
    "sheep": lambda c, rng: draw_pasture(c, rng, "sheep"),
    "cows": lambda c, rng: draw_pasture(c, rng, "cows"),
    "bread": draw_bread,
    "grain": draw_grain,
    "cheese": draw_cheese,
    "milk": draw_milk,
    "eggs": draw_eggs,
    "vegetables": draw_vegetables,
    "pumpkins": draw_pumpkins,
    "apples": draw_apples,
    "honey": draw_honey,
    "preserves": draw_preserves,
    "dish": draw_dish,
    "soup": lambda c, rng: draw_dish(c, rng, "soup"),
    "stew": lambda c, rng: draw_dish(c, rng, "stew"),
    "salad": lambda c, rng: draw_dish(c, rng, "salad"),
    "porridge": lambda c, rng: draw_dish(c, rng, "porridge"),
    "portrait": draw_portrait,
}


def seeded(seed: str | int) -> random.Random:
    digest = hashlib.sha256(str(seed).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311


def render(kind: str, seed: str | int, size: Size = HERO_SIZE, **traits) -> Image:
    """The picture of `kind` for `seed` as a Pillow image.

    Portraits take traits: `label` (initials), `hair`, `hair_color`, `skin`,
    `glasses` and `beard`; whatever is not given follows from the seed.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of picture: {kind!r} (one of {sorted(KINDS)})")
    rng = seeded(f"{kind}:{seed}")
    canvas = Canvas(size)
    KINDS[kind](canvas, rng, **traits)
    if kind not in LETTERED and rng.random() < 0.5:
        canvas.img = ImageOps.mirror(canvas.img)
    return canvas.finish(rng, vignette=0.18 if kind == "portrait" else 0.28)


def make_image(kind: str, seed: str | int, size: Size = HERO_SIZE, **traits) -> bytes:
    """JPEG bytes of a picture of `kind`; the same arguments give the same bytes."""
    buffer = io.BytesIO()
    render(kind, seed, size, **traits).save(
        buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
    )
    return buffer.getvalue()


@contextlib.contextmanager
def scaled(factor: float) -> Iterator[None]:
    """Draw every demo picture at `factor` times its size inside this block."""
    token = image_scale.set(factor)
    try:
        yield
    finally:
        image_scale.reset(token)


def demo_collection() -> Collection:
    collection = Collection.objects.filter(name=DEMO_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=DEMO_COLLECTION)
    return collection


def demo_image(
    title: str,
    kind: str,
    seed: str | int | None = None,
    size: Size = HERO_SIZE,
    focal: tuple[float, float, float, float] | None = None,
    **traits,
):
    """The Wagtail image called `title` in the Demo collection, drawn if missing.

    Returns (image, created). The seed defaults to the title. `focal` is the box
    (left, top, width, height), in fractions of the picture, that crops keep.
    """
    Image_ = get_image_model()
    collection = demo_collection()
    existing = Image_.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing, False
    factor = image_scale.get()
    size = (max(16, round(size[0] * factor)), max(16, round(size[1] * factor)))
    data = make_image(kind, title if seed is None else seed, size, **traits)
    image = Image_(
        title=title,
        collection=collection,
        file=ImageFile(io.BytesIO(data), name=f"{slugify(title)[:60] or 'bild'}.jpg"),
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 - as Wagtail stores it
    )
    if focal:
        left, top, width, height = focal
        image.focal_point_x = round((left + width / 2) * size[0])
        image.focal_point_y = round((top + height / 2) * size[1])
        image.focal_point_width = round(width * size[0])
        image.focal_point_height = round(height * size[1])
    image.save()
    return image, True
