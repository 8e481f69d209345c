"""Illustrations for the demo shop, drawn with Pillow: nothing is downloaded.

`make_image(kind, seed, size)` returns JPEG bytes that are the same for the same
arguments; `demo_image(title, kind, seed)` gets or creates a Wagtail image with that
title in the "Demo" collection. Scenes are drawn at twice the size and scaled down,
which smooths their edges.
"""

import contextlib
import contextvars
import hashlib
import io
import math
import random
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import (
    Image,
    ImageChops,
    ImageDraw,
    ImageEnhance,
    ImageFilter,
    ImageFont,
    ImageOps,
)
from wagtail.images import get_image_model
from wagtail.models import Collection

Color = tuple[int, int, int]
Size = tuple[int, int]

SUPERSAMPLE = 2
JPEG_QUALITY = 85
HERO_SIZE: Size = (1600, 1000)
PORTRAIT_SIZE: Size = (800, 800)
SQUARE_SIZE: Size = (1000, 1000)
DEMO_COLLECTION = "Demo"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# Demo runs may shrink every picture (the test suite does, to stay fast).
image_scale: contextvars.ContextVar[float] = contextvars.ContextVar(
    "demo_image_scale", default=1.0
)

CREAM = (248, 240, 224)
INK = (58, 44, 36)
WALLS = [
    ((240, 214, 170), (206, 160, 108)),  # ochre
    ((226, 170, 130), (180, 110, 80)),  # terracotta
    ((196, 210, 176), (140, 160, 118)),  # sage
    ((190, 206, 210), (130, 152, 160)),  # dusty blue
    ((244, 228, 200), (214, 184, 140)),  # cream
]
WOODS = [(152, 96, 54), (130, 80, 46), (172, 116, 66), (116, 74, 46)]
BOARDS = [(206, 156, 100), (190, 136, 84), (222, 178, 122)]
TRUNK = (92, 66, 46)


# --- colour and geometry -------------------------------------------------------


def mix(a: Color, b: Color, t: float) -> Color:
    t = min(1.0, max(0.0, t))
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def lighter(color: Color, t: float) -> Color:
    return mix(color, (255, 246, 224), t)


def darker(color: Color, t: float) -> Color:
    return mix(color, (46, 26, 16), t)


def jitter(rng: random.Random, color: Color, amount: int = 12) -> Color:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)


def rgba(color: Color, alpha: int) -> tuple[int, int, int, int]:
    return (*color, alpha)


def gradient(size: Size, stops: list[tuple[float, Color]], vertical=True) -> Image:
    """An RGB image running through colour stops from top to bottom (or left)."""
    length = max(2, size[1] if vertical else size[0])
    strip = Image.new("RGB", (1, length) if vertical else (length, 1))
    for i in range(length):
        t = i / (length - 1)
        for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
            if t0 <= t <= t1:
                color = mix(c0, c1, (t - t0) / ((t1 - t0) or 1))
                break
        else:
            color = stops[-1][1] if t > stops[-1][0] else stops[0][1]
        strip.putpixel((0, i) if vertical else (i, 0), color)
    return strip.resize(size, Image.Resampling.NEAREST)


@lru_cache(maxsize=1)
def _radial() -> Image:
    return Image.radial_gradient("L")


@lru_cache(maxsize=16)
def _radial_falloff(falloff: float, strength: float) -> Image:
    lut = [
        round(255 * strength * max(0.0, 1 - (v / 255) / 0.71) ** falloff)
        for v in range(256)
    ]
    return _radial().point(lut)


def radial_mask(size, falloff=1.0, window=None, strength=1.0) -> Image:
    """An L mask that is 255 in the middle and fades to 0 at the ellipse's edge.

    `window` (left, top, right, bottom) picks the part of the full-size mask to
    return, which is much cheaper than drawing all of it and cropping.
    """
    width, height = max(1.0, size[0]), max(1.0, size[1])
    left, top, right, bottom = window or (0, 0, width, height)
    out = (max(1, round(right - left)), max(1, round(bottom - top)))
    scale_x, scale_y = 256 / width, 256 / height
    box = (
        max(0.0, left * scale_x),
        max(0.0, top * scale_y),
        min(256.0, right * scale_x),
        min(256.0, bottom * scale_y),
    )
    return _radial_falloff(falloff, strength).resize(
        out, Image.Resampling.BILINEAR, box=box
    )


def wave(rng: random.Random, width: float, amplitude: float, waves=3):
    """A smooth random curve y(x) around 0, as a sum of sines."""
    parts = [
        (
            amplitude * rng.uniform(0.4, 1.0) / (i + 1),
            rng.uniform(0.6, 1.6) * (i + 1) * math.pi / width,
            rng.uniform(0, 2 * math.pi),
        )
        for i in range(waves)
    ]

    def curve(x: float) -> float:
        return sum(a * math.sin(f * x + p) for a, f, p in parts)

    return curve


class Canvas:
    """A supersampled RGB picture with helpers that draw in its own pixels."""

    def __init__(self, size: Size, background: Color = CREAM):
        self.size = size
        self.w, self.h = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
        self.u = min(self.w, self.h)
        self.img = Image.new("RGB", (self.w, self.h), background)
        self.draw = ImageDraw.Draw(self.img, "RGBA")

    def paste_gradient(self, stops, box=None, vertical=True):
        x0, y0, x1, y1 = box or (0, 0, self.w, self.h)
        x0, y0, x1, y1 = int(x0), int(y0), int(x1), int(y1)
        self.img.paste(gradient((x1 - x0, y1 - y0), stops, vertical), (x0, y0))

    def glow(self, center, radius, color: Color, strength=1.0, squash=1.0):
        """A soft light, e.g. the haze around the sun or a lamp on a wall."""
        cx, cy = center
        rw, rh = radius, radius * squash
        x0, y0 = max(0, int(cx - rw)), max(0, int(cy - rh))
        x1, y1 = min(self.w, int(cx + rw)), min(self.h, int(cy + rh))
        if x1 <= x0 or y1 <= y0:
            return
        left, top = x0 - (cx - rw), y0 - (cy - rh)
        window = (left, top, left + x1 - x0, top + y1 - y0)
        mask = radial_mask((rw * 2, rh * 2), 1.6, window, strength)
        self.img.paste(color, (x0, y0), mask)

    def shadow(
        self,
        shapes: Callable[[ImageDraw.ImageDraw, float], None],
        blur=0.02,
        color: Color = (40, 26, 18),
    ):
        """Darken (or light) the picture under soft shapes drawn by `shapes`.

        `shapes(draw, scale)` draws on a small mask whose coordinates are this
        canvas's times `scale`; the mask is blurred and laid over the picture.
        """
        factor = 8
        small = Image.new("L", (self.w // factor, self.h // factor), 0)
        shapes(ImageDraw.Draw(small), 1 / factor)
        box = small.getbbox()
        if box is None:
            return
        radius = self.u * blur / factor
        pad = int(radius * 3) + 2
        x0, y0 = max(0, box[0] - pad), max(0, box[1] - pad)
        x1, y1 = min(small.width, box[2] + pad), min(small.height, box[3] + pad)
        region = small.crop((x0, y0, x1, y1)).filter(ImageFilter.GaussianBlur(radius))
        mask = region.resize(
            ((x1 - x0) * factor, (y1 - y0) * factor), Image.Resampling.BILINEAR
        )
        self.img.paste(color, (x0 * factor, y0 * factor), mask)

    def masked(self, color, shapes: Callable[[ImageDraw.ImageDraw], None], alpha=255):
        """Fill shapes as one, so overlaps do not show through a translucent fill."""
        mask = Image.new("L", (self.w, self.h), 0)
        shapes(ImageDraw.Draw(mask))
        box = mask.getbbox()
        if box is None:
            return
        mask = mask.crop(box)
        if alpha < 255:
            mask = mask.point(lambda v: v * alpha // 255)
        self.img.paste(color, box[:2], mask)

    def shaded(
        self,
        box,
        light: Color,
        dark: Color,
        shape="ellipse",
        points=None,
        highlight=(-0.35, -0.4),
        spread=1.5,
        falloff=0.9,
    ):
        """Fill a shape with light falling from one side, so it looks round."""
        x0, y0, x1, y1 = (int(v) for v in box)
        bw, bh = max(1, x1 - x0), max(1, y1 - y0)
        mask = Image.new("L", (bw, bh), 0)
        md = ImageDraw.Draw(mask)
        if shape == "ellipse":
            md.ellipse((0, 0, bw - 1, bh - 1), fill=255)
        elif shape == "rounded":
            md.rounded_rectangle(
                (0, 0, bw - 1, bh - 1), radius=min(bw, bh) // 5, fill=255
            )
        else:
            md.polygon([(px - x0, py - y0) for px, py in points], fill=255)
        gw, gh = bw * spread * 2, bh * spread * 2
        hx = bw / 2 + highlight[0] * bw / 2
        hy = bh / 2 + highlight[1] * bh / 2
        left, top = gw / 2 - hx, gh / 2 - hy
        light_mask = radial_mask((gw, gh), falloff, (left, top, left + bw, top + bh))
        fill = Image.new("RGB", (bw, bh), dark)
        fill.paste(light, (0, 0), light_mask)
        self.img.paste(fill, (x0, y0), mask)

    def text(self, xy, text, size, color, bold=False, serif=False, anchor="mm"):
        self.draw.text(
            xy, text, fill=color, font=font(int(size), bold, serif), anchor=anchor
        )

    def finish(self, rng: random.Random, grain=0.025, vignette=0.22) -> Image:
        img = self.img.reduce(SUPERSAMPLE)
        w, h = self.size
        if vignette:
            mask = radial_mask(
                (w * 1.5, h * 1.5), 1.2, (w / 4, h / 4, w * 1.25, h * 1.25)
            )
            mask = mask.point(lambda v: round((255 - v) * vignette))
            img.paste((46, 30, 22), (0, 0), mask)
        if grain:
            noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
            noise = noise.filter(ImageFilter.GaussianBlur(0.5))
            spread = 255 * grain * 4
            lut = [
                max(0, min(255, round(128 + (v - 128) / 128 * spread)))
                for v in range(256)
            ]
            noise = noise.point(lut).convert("RGB")
            img = Image.blend(img, _overlay(img, noise), 0.5)
        img = ImageEnhance.Color(img).enhance(1.12)
        return img


def _overlay(img: Image, noise: Image) -> Image:
    return ImageChops.overlay(img, noise)


@lru_cache(maxsize=32)
def font(size: int, bold=False, serif=False):
    """DejaVu where the system has it, else Pillow's own scalable font."""
    family = "DejaVuSerif" if serif else "DejaVuSans"
    path = FONT_DIR / f"{family}{'-Bold' if bold else ''}.ttf"
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


# --- landscapes ----------------------------------------------------------------

SKIES = {
    "morning": [(0, (150, 186, 208)), (0.55, (232, 214, 196)), (1, (250, 222, 180))],
    "noon": [(0, (112, 164, 204)), (0.6, (196, 220, 228)), (1, (236, 234, 214))],
    "evening": [(0, (120, 120, 160)), (0.45, (236, 170, 130)), (1, (252, 214, 150))],
}
SUNS = {"morning": (255, 236, 190), "noon": (255, 250, 230), "evening": (255, 210, 140)}
GREENS = [(112, 140, 72), (92, 124, 64), (136, 154, 80), (84, 112, 70)]
FIELDS = [
    ((222, 186, 104), (200, 160, 82)),  # ripe wheat
    ((150, 168, 86), (128, 150, 72)),  # young cereal
    ((160, 110, 74), (138, 92, 62)),  # ploughed soil
    ((236, 206, 80), (214, 184, 62)),  # rapeseed
    ((124, 150, 80), (108, 134, 70)),  # meadow
]


def _ridge(c: Canvas, rng, base, amplitude):
    curve = wave(rng, c.w, amplitude)
    return lambda x: base + curve(x)


def _hill(c: Canvas, ridge, color):
    step = c.w / 90
    points = [(i * step, ridge(i * step)) for i in range(91)]
    c.draw.polygon([*points, (c.w, c.h), (0, c.h)], fill=color)


def _tree(c: Canvas, x, y, size, color: Color, rng, poplar=False):
    c.draw.polygon(
        [
            (x - size * 0.08, y),
            (x - size * 0.05, y - size * 0.6),
            (x + size * 0.05, y - size * 0.6),
            (x + size * 0.08, y),
        ],
        fill=TRUNK,
    )
    if poplar:
        box = (x - size * 0.2, y - size * 1.35, x + size * 0.2, y - size * 0.2)
        c.shaded(box, lighter(color, 0.18), darker(color, 0.15))
        return
    c.draw.ellipse(
        (x - size * 0.5, y - size * 1.1, x + size * 0.5, y - size * 0.4),
        fill=darker(color, 0.25),
    )
    for dx, dy, r in (
        (-0.3, -0.6, 0.26),
        (0.3, -0.62, 0.25),
        (-0.14, -0.88, 0.3),
        (0.18, -0.92, 0.28),
        (0, -1.1, 0.26),
    ):
        r *= size * rng.uniform(0.9, 1.1)
        cx, cy = x + dx * size, y + dy * size
        c.shaded(
            (cx - r, cy - r, cx + r, cy + r),
            lighter(color, 0.22),
            darker(color, 0.18),
            highlight=(-0.4, -0.5),
        )


def _clouds(c: Canvas, rng, count):
    clouds = []
    for _ in range(count):
        cx, cy = rng.uniform(0.05, 0.95) * c.w, rng.uniform(0.08, 0.3) * c.h
        width = rng.uniform(0.12, 0.24) * c.w
        puffs = [
            (
                cx - width / 2 + t * width,
                width * (0.16 + 0.16 * math.sin(t * math.pi)) * rng.uniform(0.8, 1.1),
            )
            for t in (i / 5 for i in range(6))
        ]
        clouds.append((cx, cy, width, puffs))

    def shapes(draw, dy=0.0):
        for cx, cy, width, puffs in clouds:
            for px, r in puffs:
                draw.ellipse(
                    (px - r, cy - r + dy, px + r, cy + r * 0.45 + dy), fill=255
                )
            draw.rounded_rectangle(
                (
                    cx - width * 0.62,
                    cy - width * 0.06 + dy,
                    cx + width * 0.62,
                    cy + width * 0.06 + dy,
                ),
                radius=width * 0.06,
                fill=255,
            )

    c.masked((222, 214, 218), lambda d: shapes(d, c.u * 0.012), alpha=110)
    c.masked((255, 252, 246), shapes, alpha=210)


def _birds(c: Canvas, rng, count):
    for _ in range(count):
        x, y = rng.uniform(0.2, 0.8) * c.w, rng.uniform(0.1, 0.3) * c.h
        s = rng.uniform(0.006, 0.012) * c.w
        c.draw.line(
            [(x - s, y - s * 0.4), (x, y), (x + s, y - s * 0.5)],
            fill=(70, 60, 60, 190),
            width=max(2, int(s / 5)),
            joint="curve",
        )


def _barn(c: Canvas, x, y, size, rng):
    wall = rng.choice([(170, 64, 48), (150, 56, 44), (236, 226, 206)])
    roof = (92, 66, 56) if wall[0] < 200 else (160, 70, 52)
    w, h = size * 1.6, size * 0.7
    c.draw.rectangle((x - w / 2, y - h, x + w / 2, y + size * 0.1), fill=wall)
    c.draw.polygon(
        [
            (x - w / 2 - size * 0.08, y - h),
            (x, y - h - size * 0.6),
            (x + w / 2 + size * 0.08, y - h),
        ],
        fill=roof,
    )
    c.draw.rectangle(
        (x - size * 0.16, y - h * 0.6, x + size * 0.16, y + size * 0.1),
        fill=darker(wall, 0.35),
    )
    for side in (-1, 1):
        wx = x + side * w * 0.3
        c.draw.rectangle(
            (wx - size * 0.08, y - h * 0.75, wx + size * 0.08, y - h * 0.5),
            fill=(250, 230, 180),
        )


def _fields(c: Canvas, rng, ridge, top, bottom, palette):
    """A patchwork of fields in rows that follow the hill they lie on."""
    cuts = sorted(rng.uniform(0.05, 0.95) * c.w for _ in range(rng.randint(2, 3)))
    edges = [-0.2 * c.w, *cuts, 1.2 * c.w]
    kinds = [rng.choice(palette) for _ in range(len(edges) - 1)]
    slant = rng.uniform(-0.6, 0.6)
    depth = bottom - top
    bands = 22
    for k in range(bands):
        d0 = depth * (k / bands) ** 1.6
        d1 = depth * ((k + 1) / bands) ** 1.6
        for (xa, xb), (light, dark) in zip(
            zip(edges, edges[1:], strict=False), kinds, strict=False
        ):
            color = light if k % 2 else dark
            upper = [(xa + slant * d0 + (xb - xa) * i / 20, 0.0) for i in range(21)]
            lower = [(xb + slant * d1 - (xb - xa) * i / 20, 0.0) for i in range(21)]
            poly = [(x, ridge(x) + d0) for x, _ in upper]
            poly += [(x, ridge(x) + d1 + 1) for x, _ in lower]
            c.draw.polygon(poly, fill=color)
    hedge = (70, 92, 52)
    for x in cuts:
        pts = [
            (x + slant * d, ridge(x + slant * d) + d)
            for d in (depth * i / 12 for i in range(13))
        ]
        c.draw.line(pts, fill=hedge, width=max(2, int(c.u * 0.006)))
        for px, py in pts[1:-1:2]:
            r = c.u * 0.012 * (1 + (py - pts[0][1]) / depth)
            c.draw.ellipse((px - r, py - r * 1.4, px + r, py + r * 0.3), fill=hedge)


def draw_landscape(c: Canvas, rng: random.Random, animals: str | None = None):
    time = rng.choice(list(SKIES))
    sky = SKIES[time]
    horizon = sky[-1][1]
    c.paste_gradient(sky)
    sun = (rng.uniform(0.15, 0.85) * c.w, rng.uniform(0.16, 0.32) * c.h)
    c.glow(sun, c.u * 0.6, SUNS[time], strength=0.55)
    r = c.u * 0.055
    c.draw.ellipse((sun[0] - r, sun[1] - r, sun[0] + r, sun[1] + r), fill=SUNS[time])
    _clouds(c, rng, rng.randint(2, 4))
    _birds(c, rng, rng.randint(0, 4))

    far = _ridge(c, rng, c.h * 0.5, c.h * 0.06)
    _hill(c, far, mix((92, 128, 116), horizon, 0.35))
    mid = _ridge(c, rng, c.h * 0.58, c.h * 0.05)
    mid_color = mix(rng.choice(GREENS), horizon, 0.25)
    _hill(c, mid, mid_color)
    for _ in range(rng.randint(6, 12)):
        x = rng.uniform(0, c.w)
        _tree(
            c,
            x,
            mid(x) + c.h * 0.01,
            c.u * rng.uniform(0.04, 0.06),
            darker(mid_color, 0.25),
            rng,
            poplar=rng.random() < 0.4,
        )
    fields = _ridge(c, rng, c.h * 0.64, c.h * 0.04)
    _hill(c, fields, FIELDS[0][0])
    _fields(c, rng, fields, c.h * 0.64, c.h * 1.0, FIELDS)
    if rng.random() < 0.6:
        x = rng.uniform(0.2, 0.8) * c.w
        _barn(c, x, mid(x) + c.h * 0.02, c.u * 0.06, rng)
    near = _ridge(c, rng, c.h * (0.8 if animals else 0.88), c.h * 0.03)
    near_color = rng.choice(GREENS)
    _hill(c, near, near_color)
    c.paste_gradient(
        [(0, near_color), (1, darker(near_color, 0.25))],
        box=(0, c.h * 0.95, c.w, c.h),
    )
    if animals:
        _herd(c, rng, near, animals)
    side = rng.choice((0.08, 0.92))
    x = side * c.w
    _tree(c, x, near(x) + c.h * 0.04, c.u * 0.32, (74, 104, 60), rng)
    _grass(c, rng, near, near_color)


def _grass(c: Canvas, rng, ridge, color):
    blade = darker(color, 0.2)
    for _ in range(260):
        x = rng.uniform(0, c.w)
        y = ridge(x) + rng.uniform(0.02, 0.16) * c.h
        length = rng.uniform(0.01, 0.025) * c.h
        lean = rng.uniform(-0.5, 0.5) * length
        c.draw.line(
            [(x, y), (x + lean, y - length)],
            fill=rgba(blade, 150),
            width=max(1, int(c.u * 0.002)),
        )


def _sheep(c: Canvas, x, y, size, rng, facing):
    wool = jitter(rng, (242, 234, 218), 8)
    c.draw.ellipse(
        (x - size * 0.6, y - size * 0.05, x + size * 0.6, y + size * 0.12),
        fill=(40, 50, 30, 60),
    )
    for lx in (-0.35, -0.15, 0.2, 0.38):
        c.draw.rectangle(
            (
                x + lx * size - size * 0.04,
                y - size * 0.25,
                x + lx * size + size * 0.04,
                y + size * 0.05,
            ),
            fill=(54, 44, 40),
        )
    for i in range(9):
        a = i / 9 * 2 * math.pi
        px = x + math.cos(a) * size * 0.38
        py = y - size * 0.45 + math.sin(a) * size * 0.2
        r = size * 0.2
        c.draw.ellipse((px - r, py - r, px + r, py + r), fill=darker(wool, 0.08))
    c.shaded(
        (x - size * 0.5, y - size * 0.72, x + size * 0.5, y - size * 0.18),
        lighter(wool, 0.3),
        darker(wool, 0.1),
    )
    hx = x + facing * size * 0.52
    head = (hx - size * 0.15, y - size * 0.7, hx + size * 0.15, y - size * 0.38)
    c.draw.ellipse(head, fill=(60, 50, 46))
    c.draw.ellipse(
        (
            hx - facing * size * 0.1 - size * 0.1,
            y - size * 0.7,
            hx - facing * size * 0.1 + size * 0.1,
            y - size * 0.6,
        ),
        fill=(60, 50, 46),
    )


def _cow(c: Canvas, x, y, size, rng, facing):
    coat = rng.choice([(150, 96, 60), (236, 226, 210), (120, 76, 50), (66, 54, 48)])
    spots = (244, 238, 228) if coat[0] < 200 else (70, 56, 48)
    hoof = darker(coat, 0.5)
    c.draw.ellipse(
        (x - size * 0.8, y - size * 0.05, x + size * 0.8, y + size * 0.1),
        fill=(40, 50, 30, 60),
    )
    for lx in (-0.46, -0.3, 0.3, 0.46):
        lx *= facing
        c.draw.rectangle(
            (x + (lx - 0.055) * size, y - size * 0.45, x + (lx + 0.055) * size, y),
            fill=darker(coat, 0.15),
        )
        c.draw.rectangle(
            (x + (lx - 0.055) * size, y - size * 0.06, x + (lx + 0.055) * size, y),
            fill=hoof,
        )
    tail_x = x - facing * size * 0.6
    c.draw.line(
        [(tail_x, y - size * 0.85), (tail_x - facing * size * 0.08, y - size * 0.35)],
        fill=darker(coat, 0.3),
        width=max(2, int(size * 0.03)),
    )
    c.draw.ellipse(
        (
            tail_x - facing * size * 0.08 - size * 0.04,
            y - size * 0.4,
            tail_x - facing * size * 0.08 + size * 0.04,
            y - size * 0.28,
        ),
        fill=darker(coat, 0.4),
    )
    body = (x - size * 0.62, y - size * 0.95, x + size * 0.62, y - size * 0.4)
    c.shaded(
        body,
        lighter(coat, 0.18),
        darker(coat, 0.15),
        shape="rounded",
        highlight=(-0.3, -0.7),
        spread=2,
    )
    for _ in range(rng.randint(1, 3)):
        sx = x + rng.uniform(-0.35, 0.3) * size
        sy = y - rng.uniform(0.6, 0.78) * size
        r = rng.uniform(0.1, 0.15) * size
        c.draw.ellipse((sx - r, sy - r * 0.75, sx + r, sy + r * 0.75), fill=spots)
    c.draw.ellipse(
        (
            x - facing * size * 0.2 - size * 0.1,
            y - size * 0.48,
            x - facing * size * 0.2 + size * 0.1,
            y - size * 0.36,
        ),
        fill=(226, 170, 160),
    )
    hx = x + facing * size * 0.7
    hy = y - size * 0.82
    for side in (-1, 1):
        ex = hx + side * size * 0.17
        c.draw.ellipse(
            (ex - size * 0.09, hy - size * 0.16, ex + size * 0.09, hy - size * 0.08),
            fill=darker(coat, 0.1),
        )
        c.draw.arc(
            (
                ex - size * 0.05 - side * size * 0.05,
                hy - size * 0.3,
                ex + size * 0.05 - side * size * 0.05,
                hy - size * 0.12,
            ),
            180 if side < 0 else 270,
            270 if side < 0 else 360,
            fill=(236, 226, 200),
            width=max(2, int(size * 0.03)),
        )
    c.shaded(
        (hx - size * 0.14, hy - size * 0.2, hx + size * 0.14, hy + size * 0.16),
        lighter(coat, 0.15),
        darker(coat, 0.1),
        shape="rounded",
    )
    c.draw.ellipse(
        (hx - size * 0.12, hy + size * 0.04, hx + size * 0.12, hy + size * 0.2),
        fill=(222, 168, 156),
    )
    for side in (-1, 1):
        c.draw.ellipse(
            (
                hx + side * size * 0.06 - size * 0.02,
                hy - size * 0.06,
                hx + side * size * 0.06 + size * 0.02,
                hy - size * 0.02,
            ),
            fill=(40, 32, 30),
        )


def _herd(c: Canvas, rng, ridge, animal):
    draw = _cow if animal == "cows" else _sheep
    count = rng.randint(3, 5) if animal == "cows" else rng.randint(5, 8)
    slots = rng.sample(range(count * 2), count)
    spots = [
        (
            (0.12 + 0.76 * (i + rng.uniform(0.2, 0.8)) / (count * 2)) * c.w,
            rng.uniform(0.04, 0.13) * c.h,
        )
        for i in slots
    ]
    for x, dy in sorted(spots, key=lambda s: s[1]):
        depth = dy / (0.13 * c.h)
        size = c.u * (0.08 + 0.06 * depth) * (1.15 if animal == "cows" else 1.0)
        draw(c, x, ridge(x) + dy, size, rng, rng.choice((-1, 1)))


def draw_pasture(c: Canvas, rng, animal="sheep"):
    draw_landscape(c, rng, animals=animal)


# --- still lifes ---------------------------------------------------------------


def _table(c: Canvas, rng, top=0.56):
    """A wall in window light and a wooden table; returns where the table starts."""
    wall_light, wall_dark = rng.choice(WALLS)
    y0 = c.h * top
    c.paste_gradient(
        [(0, wall_dark), (0.6, wall_light), (1, mix(wall_light, wall_dark, 0.3))],
        box=(0, 0, c.w, y0),
        vertical=False,
    )
    c.glow((c.w * 0.7, y0 * 0.55), c.u * 0.9, lighter(wall_light, 0.6), 0.55)
    wx = c.w * rng.uniform(0.55, 0.75)
    pane = c.u * 0.2

    def window(draw, s):
        for col in range(2):
            for row in range(2):
                x = wx + col * pane * 1.08 - row * pane * 0.3
                y = c.h * 0.06 + row * pane * 1.08
                draw.polygon(
                    [
                        ((x) * s, y * s),
                        ((x + pane) * s, y * s),
                        ((x + pane - pane * 0.3) * s, (y + pane) * s),
                        ((x - pane * 0.3) * s, (y + pane) * s),
                    ],
                    fill=90,
                )

    c.shadow(window, blur=0.008, color=lighter(wall_light, 0.7))
    wood = rng.choice(WOODS)
    c.paste_gradient(
        [(0, lighter(wood, 0.12)), (1, darker(wood, 0.3))], box=(0, y0, c.w, c.h)
    )
    plank = c.h * rng.uniform(0.07, 0.09)
    y = y0 + plank
    while y < c.h:
        c.draw.line(
            [(0, y), (c.w, y)],
            fill=rgba(darker(wood, 0.5), 150),
            width=max(2, int(c.u * 0.003)),
        )
        plank *= 1.3
        y += plank
    for _ in range(90):
        gy = rng.uniform(y0, c.h)
        amp = rng.uniform(0.001, 0.004) * c.h
        freq = rng.uniform(2, 6) * math.pi / c.w
        phase = rng.uniform(0, 6)
        x0 = rng.uniform(-0.2, 0.8) * c.w
        length = rng.uniform(0.2, 0.6) * c.w
        pts = [
            (
                x0 + length * i / 30,
                gy + amp * math.sin(freq * (x0 + length * i / 30) + phase),
            )
            for i in range(31)
        ]
        tone = darker(wood, 0.3) if rng.random() < 0.6 else lighter(wood, 0.2)
        c.draw.line(pts, fill=rgba(tone, 60), width=max(1, int(c.u * 0.002)))
    c.draw.rectangle(
        (0, y0, c.w, y0 + c.u * 0.006), fill=rgba(lighter(wood, 0.35), 180)
    )
    c.shadow(
        lambda d, s: d.rectangle(
            (0, y0 * s - 2, c.w * s, (y0 + c.u * 0.03) * s), fill=70
        ),
        blur=0.01,
    )
    return y0


def _cloth(c: Canvas, rng, x, y, w, h):
    """A checked linen cloth lying on the table."""
    base = rng.choice([(228, 222, 208), (214, 226, 230), (236, 218, 204)])
    check = rng.choice([(178, 64, 52), (70, 100, 140), (104, 128, 80)])
    pts = [(x, y), (x + w, y + h * 0.05), (x + w * 0.95, y + h), (x - w * 0.04, y + h)]
    c.draw.polygon(pts, fill=base)
    n = 7
    for i in range(n):
        t = (i + 0.5) / n
        c.draw.line(
            [(x + w * t, y + h * 0.03 * t), (x + w * t - w * 0.04, y + h)],
            fill=rgba(check, 90),
            width=int(w / n / 3),
        )
        c.draw.line(
            [(x - w * 0.04 * t, y + h * t), (x + w, y + h * 0.05 + h * t)],
            fill=rgba(check, 70),
            width=int(h / n / 3),
        )


def _board(c: Canvas, rng, cx, y, w):
    wood = rng.choice(BOARDS)
    h = w * 0.14
    c.draw.rounded_rectangle(
        (cx - w / 2, y - h * 0.3, cx + w / 2, y + h * 0.7),
        radius=h * 0.4,
        fill=darker(wood, 0.25),
    )
    c.shaded(
        (cx - w / 2, y - h * 0.6, cx + w / 2, y + h * 0.4),
        lighter(wood, 0.2),
        wood,
        shape="rounded",
        highlight=(-0.5, -0.8),
        spread=2.2,
    )
    c.draw.ellipse(
        (cx + w / 2 - h * 0.5, y - h * 0.2, cx + w / 2 - h * 0.2, y + h * 0.05),
        fill=darker(wood, 0.3),
    )
    return y - h * 0.1


def _floor_shadow(c: Canvas, items):
    def shapes(draw, s):
        for cx, y, w in items:
            draw.ellipse(
                (
                    (cx - w / 2) * s,
                    (y - w * 0.06) * s,
                    (cx + w / 2) * s,
                    (y + w * 0.1) * s,
                ),
                fill=110,
            )

    c.shadow(shapes, blur=0.012)


def _loaf(c: Canvas, rng, cx, y, w, long=False):
    crust = jitter(rng, rng.choice([(192, 108, 48), (172, 94, 42), (206, 130, 58)]), 8)
    h = w * (0.4 if long else 0.66)
    c.shaded(
        (cx - w / 2, y - h, cx + w / 2, y + h * 0.06),
        lighter(crust, 0.4),
        darker(crust, 0.4),
        highlight=(-0.3, -0.65),
        spread=1.3,
    )
    cut = lighter(crust, 0.55)
    if long:
        for i in range(4):
            sx = cx - w * 0.3 + i * w * 0.2
            c.shaded(
                (sx - w * 0.07, y - h * 0.86, sx + w * 0.07, y - h * 0.64),
                cut,
                lighter(crust, 0.25),
                shape="polygon",
                points=[
                    (sx - w * 0.07, y - h * 0.7),
                    (sx + w * 0.03, y - h * 0.86),
                    (sx + w * 0.07, y - h * 0.8),
                    (sx - w * 0.03, y - h * 0.64),
                ],
            )
    else:
        for a in (math.pi / 4, -math.pi / 4):
            dx, dy = math.cos(a) * w * 0.26, math.sin(a) * h * 0.26
            mx, my = cx, y - h * 0.62
            c.draw.line(
                [(mx - dx, my - dy), (mx + dx, my + dy)],
                fill=cut,
                width=max(2, int(w * 0.035)),
            )
    flour = (248, 240, 224, 170)
    for _ in range(70):
        fx = rng.gauss(cx - w * 0.08, w * 0.15)
        fy = rng.gauss(y - h * 0.78, h * 0.08)
        r = rng.uniform(0.003, 0.008) * w
        c.draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=flour)


def _wheat(c: Canvas, rng, x, y, length, angle):
    stalk = (222, 184, 104)
    bend = rng.uniform(-0.12, 0.12)
    pts = []
    for i in range(11):
        t = i / 10
        a = angle + bend * t
        pts.append((x + math.cos(a) * length * t, y - math.sin(a) * length * t))
    c.draw.line(
        pts, fill=darker(stalk, 0.15), width=max(2, int(length * 0.012)), joint="curve"
    )
    a = angle + bend
    for i in range(10):
        t = 0.62 + i * 0.04
        px, py = x + math.cos(a) * length * t, y - math.sin(a) * length * t
        for side in (-1, 1):
            ga = a + side * 0.5
            gx = px + math.cos(ga) * length * 0.03
            gy = py - math.sin(ga) * length * 0.03
            c.draw.line(
                [
                    (gx, gy),
                    (
                        gx + math.cos(ga + side * -0.3) * length * 0.16,
                        gy - math.sin(ga + side * -0.3) * length * 0.16,
                    ),
                ],
                fill=rgba(lighter(stalk, 0.2), 150),
                width=max(1, int(length * 0.004)),
            )
            r = length * 0.02
            c.shaded(
                (gx - r, gy - r * 1.3, gx + r, gy + r * 1.3),
                lighter(stalk, 0.3),
                darker(stalk, 0.2),
            )


def draw_bread(c: Canvas, rng):
    top = _table(c, rng)
    cx = c.w / 2 + rng.uniform(-0.04, 0.04) * c.w
    board_w = c.u * rng.uniform(0.95, 1.1)
    ground = top + c.h * 0.22
    _floor_shadow(c, [(cx, ground, board_w)])
    y = _board(c, rng, cx, ground, board_w)
    for i in range(rng.randint(2, 4)):
        _wheat(
            c,
            rng,
            cx + board_w * 0.38 + i * c.u * 0.03,
            ground + c.u * 0.06,
            c.u * 0.5,
            2.05 + i * 0.12,
        )
    loaves = rng.choice(
        [
            [(-0.2, 0, 0.46, False), (0.14, 0.03, 0.56, True)],
            [(-0.18, 0, 0.5, True), (0.2, 0.03, 0.42, False)],
            [(-0.22, 0, 0.4, False), (0.2, 0.01, 0.4, False), (0, 0.05, 0.5, True)],
        ]
    )
    for dx, dy, width, long in loaves:
        _loaf(c, rng, cx + board_w * dx, y + c.u * dy, c.u * width, long=long)
    if c.w > c.h * 1.3:
        ground = top + c.h * 0.32
        for x in rng.sample([0.12, 0.86, 0.92], 2):
            size = c.u * rng.uniform(0.2, 0.26)
            _floor_shadow(c, [(c.w * x, ground, size)])
            _loaf(c, rng, c.w * x, ground, size)


def _cheese_wheel(c: Canvas, rng, cx, y, w, rind, paste):
    h = w * 0.34
    ry = w * 0.15
    side = darker(rind, 0.1)
    c.draw.ellipse((cx - w / 2, y - ry, cx + w / 2, y + ry), fill=darker(rind, 0.3))
    c.paste_gradient(
        [(0, darker(side, 0.3)), (0.3, lighter(side, 0.2)), (1, darker(side, 0.35))],
        box=(cx - w / 2, y - h, cx + w / 2, y),
        vertical=False,
    )
    c.shaded(
        (cx - w / 2, y - h - ry, cx + w / 2, y - h + ry),
        lighter(rind, 0.35),
        rind,
        highlight=(-0.4, -0.6),
        spread=2,
    )
    c.draw.ellipse(
        (cx - w * 0.44, y - h - ry * 0.8, cx + w * 0.44, y - h + ry * 0.8),
        outline=rgba(darker(rind, 0.15), 110),
        width=max(2, int(w * 0.008)),
    )
    for i in range(1, 4):
        c.draw.line(
            [(cx - w / 2, y - h * i / 4), (cx + w / 2, y - h * i / 4)],
            fill=rgba(darker(side, 0.2), 40),
            width=max(1, int(w * 0.004)),
        )


def _cheese_wedge(c: Canvas, rng, cx, y, w, rind, paste):
    h = w * 0.42
    front = [
        (cx - w / 2, y),
        (cx + w / 2, y),
        (cx + w / 2, y - h),
        (cx - w / 2, y - h * 0.35),
    ]
    c.shaded(
        (cx - w / 2, y - h, cx + w / 2, y),
        lighter(paste, 0.2),
        darker(paste, 0.08),
        shape="polygon",
        points=front,
        highlight=(-0.2, -0.2),
    )
    top = [
        (cx - w / 2, y - h * 0.35),
        (cx + w / 2, y - h),
        (cx + w * 0.62, y - h * 1.06),
        (cx - w * 0.38, y - h * 0.42),
    ]
    c.draw.polygon(top, fill=lighter(paste, 0.35))
    c.draw.line(
        [(cx - w * 0.38, y - h * 0.42), (cx + w * 0.62, y - h * 1.06)],
        fill=rind,
        width=max(2, int(w * 0.03)),
    )
    c.draw.line(
        [(cx + w / 2, y), (cx + w / 2, y - h)],
        fill=darker(rind, 0.1),
        width=max(2, int(w * 0.045)),
    )
    for _ in range(rng.randint(5, 8)):
        hx = rng.uniform(cx - w * 0.35, cx + w * 0.4)
        lo = y - h * 0.35 - (hx - cx + w / 2) / w * h * 0.65
        hy = rng.uniform(lo + h * 0.14, y - h * 0.1)
        r = rng.uniform(0.02, 0.045) * w
        c.shaded(
            (hx - r, hy - r, hx + r, hy + r),
            darker(paste, 0.22),
            darker(paste, 0.06),
            highlight=(0.5, 0.6),
        )


def _grapes(c: Canvas, rng, cx, y, r, color):
    rows = [4, 3, 3, 2, 1]
    for row, count in enumerate(rows):
        for i in range(count):
            gx = cx + (i - (count - 1) / 2) * r * 1.7 + rng.uniform(-r, r) * 0.2
            gy = y - r - row * r * 1.5 + rng.uniform(-r, r) * 0.2
            c.shaded(
                (gx - r, gy - r * 1.1, gx + r, gy + r * 1.1),
                lighter(color, 0.4),
                darker(color, 0.35),
            )
    c.draw.line(
        [(cx, y - r * 7.5), (cx + r * 0.6, y - r * 9)],
        fill=(110, 90, 60),
        width=max(2, int(r * 0.25)),
    )


def draw_cheese(c: Canvas, rng):
    top = _table(c, rng)
    rind = jitter(rng, rng.choice([(204, 150, 72), (176, 124, 66), (218, 180, 110)]))
    paste = jitter(rng, rng.choice([(248, 216, 128), (250, 232, 176), (244, 204, 112)]))
    cx = c.w / 2
    board_w = c.u * 1.1
    ground = top + c.h * 0.24
    _floor_shadow(c, [(cx, ground, board_w)])
    y = _board(c, rng, cx, ground, board_w)
    _cheese_wheel(c, rng, cx - c.u * 0.16, y - c.u * 0.01, c.u * 0.56, rind, paste)
    _cheese_wedge(c, rng, cx + c.u * 0.27, y + c.u * 0.02, c.u * 0.34, rind, paste)
    grapes = (128, 74, 116) if rng.random() < 0.5 else (176, 184, 96)
    _grapes(c, rng, cx - board_w * 0.43, y + c.u * 0.03, c.u * 0.03, grapes)
    if c.w > c.h * 1.3:
        ground = top + c.h * 0.34
        _floor_shadow(c, [(c.w * 0.86, ground, c.u * 0.36)])
        _cheese_wheel(c, rng, c.w * 0.86, ground, c.u * 0.36, darker(rind, 0.25), paste)


def _bowl(c: Canvas, rng, cx, y, w, glaze):
    h = w * 0.4
    rim = w * 0.11
    c.shaded(
        (cx - w / 2, y - h - rim, cx + w / 2, y - h + rim),
        darker(glaze, 0.45),
        darker(glaze, 0.2),
        highlight=(0.3, 0.6),
    )
    return (cx, y, w, h, rim)


def _bowl_front(c: Canvas, bowl, glaze):
    cx, y, w, h, rim = bowl
    foot = w * 0.22
    c.draw.rounded_rectangle(
        (cx - foot, y - h * 0.12, cx + foot, y),
        radius=h * 0.04,
        fill=darker(glaze, 0.3),
    )
    pts = [
        (cx - w / 2 + w * i / 40, y - h + h * 0.9 * math.sin(i / 40 * math.pi) ** 0.6)
        for i in range(41)
    ]
    c.shaded(
        (cx - w / 2, y - h, cx + w / 2, y - h * 0.1),
        lighter(glaze, 0.3),
        darker(glaze, 0.25),
        shape="polygon",
        points=pts,
        highlight=(-0.5, -0.5),
    )
    c.draw.arc(
        (cx - w / 2, y - h - rim, cx + w / 2, y - h + rim),
        0,
        180,
        fill=lighter(glaze, 0.45),
        width=max(2, int(w * 0.015)),
    )
    band = lighter(glaze, 0.15)
    c.draw.arc(
        (cx - w * 0.47, y - h - rim + h * 0.25, cx + w * 0.47, y - h + rim + h * 0.25),
        10,
        170,
        fill=band,
        width=max(2, int(w * 0.012)),
    )


def _egg(c: Canvas, rng, cx, cy, w):
    shell = rng.choice(
        [(236, 198, 156), (214, 158, 106), (246, 238, 224), (200, 142, 94)]
    )
    shell = jitter(rng, shell, 8)
    h = w * 1.28
    c.shaded(
        (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2),
        lighter(shell, 0.45),
        darker(shell, 0.2),
        highlight=(-0.35, -0.45),
    )


def draw_eggs(c: Canvas, rng):
    top = _table(c, rng)
    glaze = rng.choice(
        [(88, 122, 134), (206, 196, 176), (122, 144, 100), (176, 100, 70)]
    )
    cx, y, w = c.w / 2, top + c.h * 0.3, c.u * 0.78
    _floor_shadow(c, [(cx, y, w * 0.8)])
    bowl = _bowl(c, rng, cx, y, w, glaze)
    ew = w * 0.19
    for row, count in ((0, 4), (1, 5)):
        for i in range(count):
            ex = cx - (count - 1) / 2 * ew * 0.95 + i * ew * 0.95 + rng.uniform(-5, 5)
            ey = y - w * 0.4 - w * 0.06 - (1 - row) * ew * 0.45
            _egg(c, rng, ex, ey, ew)
    _bowl_front(c, bowl, glaze)
    for ex in (cx + w * 0.66, cx - w * 0.72):
        _floor_shadow(c, [(ex, y + c.u * 0.03, ew * 1.2)])
        _egg(c, rng, ex, y - ew * 0.6 + c.u * 0.03, ew)
    for _ in range(6):
        fx = rng.uniform(cx - w * 0.8, cx + w * 0.8)
        fy = rng.uniform(y + c.u * 0.06, c.h * 0.98)
        r = c.u * 0.012
        c.draw.line(
            [(fx - r, fy), (fx + r, fy - r * 0.3)],
            fill=(236, 210, 150, 220),
            width=max(2, int(c.u * 0.004)),
        )


def _carrot(c: Canvas, rng, x, y, length, angle):
    orange = jitter(rng, (232, 118, 40), 10)
    dx, dy = math.cos(angle), -math.sin(angle)
    nx, ny = -dy, dx
    w = length * 0.1
    pts = []
    for i in range(21):
        t = i / 20
        ww = w * (1 - t) ** 0.7
        pts.append((x + dx * length * t + nx * ww, y + dy * length * t + ny * ww))
    for i in range(20, -1, -1):
        t = i / 20
        ww = w * (1 - t) ** 0.7
        pts.append((x + dx * length * t - nx * ww, y + dy * length * t - ny * ww))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    c.shaded(
        (min(xs), min(ys), max(xs) + 1, max(ys) + 1),
        lighter(orange, 0.3),
        darker(orange, 0.25),
        shape="polygon",
        points=pts,
        highlight=(-0.3, -0.6),
        spread=1.2,
    )
    for i in range(2, 9):
        t = i / 10
        px, py = x + dx * length * t, y + dy * length * t
        ww = w * (1 - t) ** 0.7 * 0.7
        c.draw.line(
            [(px + nx * ww, py + ny * ww), (px + nx * ww * 0.1, py + ny * ww * 0.1)],
            fill=rgba(darker(orange, 0.35), 150),
            width=max(1, int(w * 0.07)),
        )
    green = (84, 136, 60)
    for k in range(6):
        a = angle + math.pi + (k - 2.5) * 0.16
        ln = length * rng.uniform(0.4, 0.6)
        ex, ey = x + math.cos(a) * ln, y - math.sin(a) * ln
        c.draw.line(
            [(x, y), (ex, ey)], fill=jitter(rng, green), width=max(2, int(w * 0.18))
        )
        for j in range(4):
            t = 0.4 + j * 0.18
            lx, ly = x + math.cos(a) * ln * t, y - math.sin(a) * ln * t
            _leaf_at(
                c, lx, ly, w * 0.9, a + rng.choice((-0.9, 0.9)), jitter(rng, green, 14)
            )


def _leaf_at(c: Canvas, x, y, size, angle, color):
    dx, dy = math.cos(angle), -math.sin(angle)
    pts = []
    for i in range(9):
        t = i / 8
        w = math.sin(t * math.pi) * size * 0.3
        pts.append((x + dx * size * t - dy * w, y + dy * size * t + dx * w))
    for i in range(8, -1, -1):
        t = i / 8
        w = math.sin(t * math.pi) * size * 0.3
        pts.append((x + dx * size * t + dy * w, y + dy * size * t - dx * w))
    c.draw.polygon(pts, fill=color)


def _tomato(c: Canvas, rng, cx, cy, r):
    red = jitter(rng, rng.choice([(214, 58, 40), (226, 88, 38), (190, 40, 40)]), 8)
    c.shaded(
        (cx - r, cy - r * 0.88, cx + r, cy + r * 0.88),
        lighter(red, 0.45),
        darker(red, 0.3),
    )
    green = (72, 122, 52)
    for k in range(5):
        a = k / 5 * 2 * math.pi - math.pi / 2
        c.draw.polygon(
            [
                (cx, cy - r * 0.8),
                (cx + math.cos(a) * r * 0.42, cy - r * 0.8 + math.sin(a) * r * 0.18),
                (cx + math.cos(a + 0.5) * r * 0.12, cy - r * 0.8),
            ],
            fill=green,
        )
    c.draw.line(
        [(cx, cy - r * 0.8), (cx + r * 0.05, cy - r * 1.05)],
        fill=green,
        width=max(2, int(r * 0.1)),
    )


def _beet(c: Canvas, rng, cx, cy, r):
    purple = jitter(rng, (124, 34, 68), 8)
    for k in range(3):
        a = math.pi / 2 + (k - 1) * 0.4
        ln = r * 2.2
        ex, ey = cx + math.cos(a) * ln, cy - r * 0.8 - math.sin(a) * ln
        c.draw.line(
            [(cx, cy - r * 0.8), (ex, ey)],
            fill=(160, 40, 76),
            width=max(2, int(r * 0.1)),
        )
        _leaf_at(c, ex, ey, r * 1.4, a, jitter(rng, (70, 120, 66), 10))
    c.shaded(
        (cx - r, cy - r, cx + r, cy + r), lighter(purple, 0.4), darker(purple, 0.3)
    )
    c.draw.line(
        [(cx, cy + r * 0.9), (cx + r * 0.2, cy + r * 1.5)],
        fill=purple,
        width=max(2, int(r * 0.08)),
    )


def _cabbage(c: Canvas, rng, cx, cy, r):
    green = jitter(rng, rng.choice([(132, 168, 92), (150, 180, 120), (110, 90, 140)]))
    c.shaded((cx - r, cy - r, cx + r, cy + r), lighter(green, 0.4), darker(green, 0.3))
    for k in range(4):
        a0 = 200 + k * 35
        c.draw.arc(
            (
                cx - r * (0.9 - k * 0.15),
                cy - r * (0.9 - k * 0.1),
                cx + r * (0.9 - k * 0.15),
                cy + r * (1.1 - k * 0.1),
            ),
            a0,
            a0 + 120,
            fill=rgba(lighter(green, 0.5), 160),
            width=max(2, int(r * 0.04)),
        )


def _pumpkin(c: Canvas, rng, cx, y, w):
    color = jitter(
        rng,
        rng.choice([(226, 124, 40), (214, 150, 60), (204, 100, 44), (184, 178, 146)]),
        8,
    )
    h = w * 0.62
    for k, t in enumerate((-0.3, 0.3, -0.15, 0.15, 0)):
        lw = w * (0.46 if k < 2 else 0.5)
        lx = cx + t * w
        c.shaded(
            (lx - lw / 2, y - h, lx + lw / 2, y),
            lighter(color, 0.32 - k * 0.02),
            darker(color, 0.32),
            highlight=(-0.3, -0.5),
        )
    c.draw.polygon(
        [
            (cx - w * 0.04, y - h * 0.95),
            (cx + w * 0.03, y - h * 0.95),
            (cx + w * 0.08, y - h * 1.2),
            (cx + w * 0.02, y - h * 1.22),
        ],
        fill=(104, 110, 60),
    )


def _crate(c: Canvas, rng, cx, y, w, h):
    wood = rng.choice(BOARDS)
    c.draw.rectangle((cx - w / 2, y - h, cx + w / 2, y), fill=darker(wood, 0.55))
    slats = 3
    for i in range(slats):
        sy = y - h + i * h / slats
        c.shaded(
            (cx - w / 2, sy + h * 0.02, cx + w / 2, sy + h / slats - h * 0.02),
            lighter(wood, 0.15),
            darker(wood, 0.12),
            shape="rounded",
            highlight=(-0.6, -0.8),
            spread=3,
        )
    for side in (-1, 1):
        px = cx + side * (w / 2 - h * 0.09)
        c.draw.rectangle(
            (px - h * 0.07, y - h * 1.04, px + h * 0.07, y), fill=darker(wood, 0.1)
        )


def _leek(c: Canvas, rng, x, y, length, angle):
    """A leek standing up out of a crate, white below and green above."""
    dx, dy = math.cos(angle), -math.sin(angle)
    w = length * 0.045
    green = jitter(rng, (96, 140, 72), 10)
    mx, my = x + dx * length * 0.5, y + dy * length * 0.5
    c.draw.line([(x, y), (mx, my)], fill=(238, 234, 214), width=max(2, int(w * 2)))
    c.draw.line(
        [(x + dx * length * 0.35, y + dy * length * 0.35), (mx, my)],
        fill=(200, 216, 160),
        width=max(2, int(w * 2)),
    )
    for k in (-1, 0, 1):
        a = angle + k * 0.32
        ex, ey = mx + math.cos(a) * length * 0.5, my - math.sin(a) * length * 0.5
        c.draw.line(
            [(mx, my), (ex, ey)],
            fill=darker(green, 0.08 * (k + 1)),
            width=max(2, int(w * 1.3)),
        )


def _potato(c: Canvas, rng, cx, cy, r):
    skin = jitter(rng, rng.choice([(196, 156, 104), (176, 120, 90), (150, 70, 70)]), 8)
    c.shaded(
        (cx - r * 1.2, cy - r * 0.85, cx + r * 1.2, cy + r * 0.85),
        lighter(skin, 0.35),
        darker(skin, 0.3),
    )
    for _ in range(3):
        ex, ey = cx + rng.uniform(-0.8, 0.8) * r, cy + rng.uniform(-0.5, 0.5) * r
        c.draw.ellipse(
            (ex - r * 0.06, ey - r * 0.04, ex + r * 0.06, ey + r * 0.04),
            fill=darker(skin, 0.35),
        )


def draw_vegetables(c: Canvas, rng):
    top = _table(c, rng)
    cx = c.w / 2 + rng.uniform(-0.05, 0.05) * c.w
    cw, ch = c.u * 0.86, c.u * 0.28
    y = top + c.h * 0.26
    _floor_shadow(c, [(cx, y, cw * 1.05)])
    inside = y - ch
    back = rng.sample(["beets", "cabbage", "leeks"], 2)
    for slot, item in zip((-0.22, 0.2), back, strict=True):
        x = cx + slot * cw
        if item == "beets":
            for i in range(3):
                _beet(
                    c,
                    rng,
                    x - cw * 0.12 + i * cw * 0.12,
                    inside - c.u * 0.01,
                    c.u * 0.065,
                )
        elif item == "cabbage":
            _cabbage(c, rng, x + cw * 0.05, inside - c.u * 0.02, c.u * 0.13)
        else:
            for i in range(2):
                _leek(
                    c,
                    rng,
                    x - cw * 0.06 + i * cw * 0.14,
                    inside + c.u * 0.02,
                    c.u * 0.4,
                    1.7 - i * 0.35,
                )
    front = rng.choice(["tomatoes", "potatoes", "apples"])
    for i in range(4):
        fx, fy = cx - cw * 0.33 + i * cw * 0.22, inside + c.u * 0.015
        if front == "tomatoes":
            _tomato(c, rng, fx, fy, c.u * 0.07)
        elif front == "potatoes":
            _potato(c, rng, fx, fy + c.u * 0.01, c.u * 0.06)
        else:
            _apple(c, rng, fx, fy, c.u * 0.065, rng.choice(APPLES))
    _crate(c, rng, cx, y, cw, ch)
    _floor_shadow(c, [(cx - cw * 0.1, y + c.u * 0.07, cw * 0.5)])
    for i in range(rng.randint(3, 5)):
        _carrot(
            c,
            rng,
            cx - cw * 0.36 + i * cw * 0.03,
            y + c.u * 0.03 + i * c.u * 0.018,
            c.u * 0.36,
            0.12 - i * 0.08,
        )
    for tx in (cx + cw * 0.62, cx + cw * 0.76):
        _floor_shadow(c, [(tx, y - c.u * 0.02, c.u * 0.13)])
        _tomato(c, rng, tx, y - c.u * 0.09, c.u * 0.075)
    if c.w > c.h * 1.3:
        _floor_shadow(c, [(c.w * 0.12, y + c.u * 0.02, c.u * 0.3)])
        _pumpkin(c, rng, c.w * 0.12, y + c.u * 0.03, c.u * 0.3)


def draw_pumpkins(c: Canvas, rng):
    top = _table(c, rng, top=0.54)
    cx = c.w / 2
    y = top + c.h * 0.3
    sizes = [(0, 0.5), (-0.36, 0.36), (0.36, 0.4)]
    if c.w > c.h * 1.3:
        sizes += [(-0.64, 0.28), (0.68, 0.26)]
    _floor_shadow(c, [(cx + dx * c.u, y, s * c.u) for dx, s in sizes])
    for dx, s in sorted(sizes, key=lambda d: d[1]):
        _pumpkin(c, rng, cx + dx * c.u, y + (0.5 - s) * c.u * 0.12, s * c.u)
    for _ in range(5):
        lx = rng.uniform(0.1, 0.9) * c.w
        _leaf_at(
            c,
            lx,
            y + rng.uniform(0.04, 0.12) * c.h,
            c.u * 0.07,
            rng.uniform(0, 6),
            jitter(rng, (196, 120, 50), 20),
        )


def _jar(c: Canvas, rng, cx, y, w, fill, lid, label=""):
    h = w * 1.25
    c.shaded(
        (cx - w / 2, y - h, cx + w / 2, y),
        lighter(fill, 0.4),
        darker(fill, 0.35),
        shape="rounded",
        highlight=(-0.45, -0.2),
        spread=1.4,
    )
    c.draw.rounded_rectangle(
        (cx - w * 0.38, y - h * 0.86, cx - w * 0.3, y - h * 0.2),
        radius=w * 0.04,
        fill=(255, 255, 255, 90),
    )
    c.shaded(
        (cx - w * 0.44, y - h * 1.14, cx + w * 0.44, y - h * 0.94),
        lighter(lid, 0.3),
        darker(lid, 0.3),
        shape="rounded",
        highlight=(-0.5, -0.8),
        spread=2,
    )
    if label:
        lw, lh = w * 0.7, h * 0.3
        c.draw.rounded_rectangle(
            (cx - lw / 2, y - h * 0.62, cx + lw / 2, y - h * 0.62 + lh),
            radius=w * 0.05,
            fill=CREAM,
        )
        c.text((cx, y - h * 0.62 + lh / 2), label, w * 0.12, INK, serif=True, bold=True)


def draw_honey(c: Canvas, rng, kind="honey"):
    top = _table(c, rng)
    if kind == "honey":
        fills = [(222, 150, 40), (200, 118, 30), (236, 180, 72)]
        labels = ["Raps", "Linde", "Wald"]
    else:
        fills = [(154, 30, 52), (204, 70, 52), (112, 40, 82)]
        labels = ["Kirsche", "Erdbeer", "Pflaume"]
    lid = rng.choice([(196, 160, 80), (176, 70, 56), (110, 130, 90)])
    cx = c.w / 2
    y = top + c.h * 0.32
    jars = [(-0.32, 0.28, 0), (0.32, 0.28, 2), (0, 0.34, 1)]
    if c.w > c.h * 1.3:
        jars = [(-0.64, 0.24, 2), (0.64, 0.24, 0), *jars]
    _floor_shadow(c, [(cx + dx * c.u, y, w * c.u) for dx, w, _ in jars])
    for dx, w, i in jars:
        _jar(
            c,
            rng,
            cx + dx * c.u,
            y + (0.34 - w) * c.u * 0.25,
            w * c.u,
            fills[i],
            lid,
            labels[i],
        )
    if kind == "honey":
        x, yy = cx + c.u * 0.3, y + c.u * 0.06
        c.draw.line(
            [(x - c.u * 0.3, yy + c.u * 0.03), (x, yy - c.u * 0.01)],
            fill=(176, 130, 80),
            width=int(c.u * 0.018),
        )
        for i in range(4):
            rx = x + i * c.u * 0.02
            c.shaded(
                (
                    rx - c.u * 0.025,
                    yy - c.u * 0.045,
                    rx + c.u * 0.012,
                    yy + c.u * 0.025,
                ),
                (200, 150, 90),
                (150, 104, 60),
            )


def draw_preserves(c: Canvas, rng):
    draw_honey(c, rng, kind="preserves")


def _bottle(c: Canvas, cx, y, w, cap):
    h = w * 2.6
    milk = (250, 248, 240)
    neck = w * 0.46
    c.shaded(
        (cx - w / 2, y - h * 0.72, cx + w / 2, y),
        lighter(milk, 0.5),
        (206, 204, 196),
        shape="rounded",
        highlight=(-0.4, -0.3),
    )
    pts = [
        (cx - w / 2, y - h * 0.66),
        (cx - neck / 2, y - h * 0.9),
        (cx + neck / 2, y - h * 0.9),
        (cx + w / 2, y - h * 0.66),
    ]
    c.shaded(
        (cx - w / 2, y - h * 0.9, cx + w / 2, y - h * 0.66),
        milk,
        (206, 204, 196),
        shape="polygon",
        points=pts,
    )
    c.draw.rounded_rectangle(
        (cx - neck * 0.56, y - h * 0.97, cx + neck * 0.56, y - h * 0.89),
        radius=w * 0.04,
        fill=cap,
    )
    c.draw.rounded_rectangle(
        (cx - w * 0.36, y - h * 0.5, cx + w * 0.36, y - h * 0.26),
        radius=w * 0.05,
        fill=(88, 122, 92),
    )
    c.text((cx, y - h * 0.38), "MILCH", w * 0.16, CREAM, bold=True)


def draw_milk(c: Canvas, rng):
    top = _table(c, rng)
    cx = c.w / 2
    y = top + c.h * 0.3
    cap = rng.choice([(60, 110, 160), (190, 60, 50), (220, 170, 60)])
    bottles = [(-0.24, 0.22), (0.02, 0.24)]
    _floor_shadow(c, [(cx + dx * c.u, y, w * c.u) for dx, w in bottles])
    for dx, w in bottles:
        _bottle(c, cx + dx * c.u, y, w * c.u, cap)
    _floor_shadow(c, [(cx + c.u * 0.36, y + c.u * 0.02, c.u * 0.36)])
    _cheese_wheel(
        c,
        rng,
        cx + c.u * 0.36,
        y + c.u * 0.02,
        c.u * 0.36,
        (236, 214, 160),
        (250, 236, 180),
    )
    if c.w > c.h * 1.3:
        _floor_shadow(c, [(c.w * 0.16, y + c.u * 0.04, c.u * 0.2)])
        _egg(c, rng, c.w * 0.15, y - c.u * 0.08, c.u * 0.12)
        _egg(c, rng, c.w * 0.2, y - c.u * 0.06, c.u * 0.12)


APPLES = [(196, 50, 40), (150, 170, 60), (214, 90, 50), (170, 30, 40)]


def draw_apples(c: Canvas, rng):
    top = _table(c, rng)
    glaze = rng.choice([(224, 214, 194), (88, 122, 134), (180, 122, 80)])
    cx, y, w = c.w / 2, top + c.h * 0.3, c.u * 0.8
    _floor_shadow(c, [(cx, y, w * 0.8)])
    bowl = _bowl(c, rng, cx, y, w, glaze)
    colors = APPLES
    r = w * 0.12
    for row, count in ((0, 3), (1, 4)):
        for i in range(count):
            ax = cx - (count - 1) / 2 * r * 1.8 + i * r * 1.8 + rng.uniform(-4, 4)
            ay = y - w * 0.44 - (1 - row) * r * 0.9
            _apple(c, rng, ax, ay, r, rng.choice(colors))
    _bowl_front(c, bowl, glaze)
    for ax in (cx + w * 0.7, cx - w * 0.72):
        _floor_shadow(c, [(ax, y + c.u * 0.02, r * 2.2)])
        _apple(c, rng, ax, y - r * 0.9 + c.u * 0.02, r, rng.choice(colors))


def _apple(c: Canvas, rng, cx, cy, r, color):
    color = jitter(rng, color, 10)
    c.shaded((cx - r, cy - r, cx + r, cy + r), lighter(color, 0.4), darker(color, 0.3))
    c.draw.line(
        [(cx, cy - r * 0.7), (cx + r * 0.1, cy - r * 1.15)],
        fill=(90, 64, 40),
        width=max(2, int(r * 0.08)),
    )
    _leaf_at(c, cx + r * 0.08, cy - r * 1.05, r * 0.6, 0.5, (90, 140, 60))


def draw_grain(c: Canvas, rng):
    top = _table(c, rng)
    cx, y = c.w / 2, top + c.h * 0.32
    sack = (210, 186, 140)
    w, h = c.u * 0.52, c.u * 0.6
    sx = cx - c.u * 0.12
    _floor_shadow(c, [(sx, y, w * 1.1)])
    pts = [
        (sx - w / 2, y),
        (sx + w / 2, y),
        (sx + w * 0.42, y - h),
        (sx - w * 0.42, y - h),
    ]
    c.shaded(
        (sx - w / 2, y - h, sx + w / 2, y),
        lighter(sack, 0.3),
        darker(sack, 0.25),
        shape="polygon",
        points=pts,
    )
    for i in range(1, 12):
        fx = sx - w / 2 + w * i / 12
        c.draw.line(
            [(fx, y), (fx - (fx - sx) * 0.16, y - h)],
            fill=rgba(darker(sack, 0.15), 50),
            width=max(1, int(c.u * 0.002)),
        )
    c.shaded(
        (sx - w * 0.42, y - h - w * 0.1, sx + w * 0.42, y - h + w * 0.1),
        (252, 248, 240),
        (226, 218, 204),
        highlight=(-0.3, -0.6),
    )
    c.text((sx, y - h * 0.45), "MEHL", w * 0.15, (120, 84, 56), bold=True, serif=True)
    c.text((sx, y - h * 0.3), "Type 1150", w * 0.07, (120, 84, 56), serif=True)
    for i in range(7):
        _wheat(
            c,
            rng,
            cx + c.u * 0.3 + i * c.u * 0.006,
            y + c.u * 0.04,
            c.u * 0.56,
            1.95 - i * 0.09,
        )
    for _ in range(40):
        gx = rng.uniform(cx + c.u * 0.05, cx + c.u * 0.5)
        gy = rng.uniform(y + c.u * 0.01, y + c.u * 0.08)
        r = c.u * 0.006
        c.draw.ellipse(
            (gx - r, gy - r * 0.6, gx + r, gy + r * 0.6), fill=(204, 160, 90)
        )
    if c.w > c.h * 1.3:
        _floor_shadow(c, [(c.w * 0.14, y + c.u * 0.03, c.u * 0.24)])
        _loaf(c, rng, c.w * 0.14, y + c.u * 0.03, c.u * 0.24)


# --- dishes, seen from above ---------------------------------------------------

DISHES = {
    "soup": [(150, 176, 90), (222, 226, 200)],
    "stew": [(176, 96, 56), (226, 160, 80)],
    "salad": [(120, 160, 70), (214, 70, 50)],
    "porridge": [(232, 214, 180), (170, 40, 60)],
}


def draw_dish(c: Canvas, rng, recipe: str | None = None):
    wood = rng.choice(WOODS)
    c.paste_gradient([(0, lighter(wood, 0.1)), (1, darker(wood, 0.15))])
    for i in range(6):
        x = c.w * (i + rng.uniform(0.1, 0.3)) / 5
        c.draw.line(
            [(x, 0), (x, c.h)],
            fill=rgba(darker(wood, 0.4), 140),
            width=max(2, int(c.u * 0.004)),
        )
    for _ in range(120):
        x = rng.uniform(0, c.w)
        c.draw.line(
            [(x, rng.uniform(0, c.h)), (x + rng.uniform(-4, 4), rng.uniform(0, c.h))],
            fill=rgba(darker(wood, 0.25), 40),
            width=max(1, int(c.u * 0.002)),
        )
    cx, cy = c.w * rng.uniform(0.44, 0.56), c.h / 2
    _cloth(c, rng, cx - c.u * 0.62, cy - c.u * 0.5, c.u * 0.45, c.u * 0.75)
    base, garnish = DISHES[recipe or rng.choice(list(DISHES))]
    r = c.u * 0.36
    c.shadow(
        lambda d, s: d.ellipse(
            (
                (cx - r + r * 0.06) * s,
                (cy - r + r * 0.08) * s,
                (cx + r + r * 0.06) * s,
                (cy + r + r * 0.08) * s,
            ),
            fill=150,
        ),
        blur=0.02,
    )
    plate = rng.choice([(244, 240, 232), (214, 222, 220), (60, 70, 76)])
    c.shaded((cx - r, cy - r, cx + r, cy + r), lighter(plate, 0.4), darker(plate, 0.08))
    ir = r * 0.7
    c.shaded(
        (cx - ir, cy - ir, cx + ir, cy + ir),
        darker(plate, 0.08),
        lighter(plate, 0.3),
        highlight=(0.4, 0.5),
    )
    fr = r * 0.62
    c.shaded(
        (cx - fr, cy - fr, cx + fr, cy + fr),
        lighter(base, 0.25),
        darker(base, 0.15),
        highlight=(-0.3, -0.3),
        spread=1.8,
    )
    for _ in range(18):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, fr * 0.8)
        gx, gy = cx + math.cos(a) * d, cy + math.sin(a) * d
        gr = c.u * rng.uniform(0.008, 0.02)
        c.draw.ellipse((gx - gr, gy - gr, gx + gr, gy + gr), fill=jitter(rng, garnish))
    for _ in range(26):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, fr * 0.7)
        gx, gy = cx + math.cos(a) * d, cy + math.sin(a) * d
        gr = c.u * 0.008
        c.draw.ellipse(
            (gx - gr, gy - gr * 0.4, gx + gr, gy + gr * 0.4), fill=(70, 120, 50)
        )
    sx = cx + r * 1.25
    c.draw.rounded_rectangle(
        (sx - c.u * 0.012, cy - r * 0.2, sx + c.u * 0.012, cy + r * 1.0),
        radius=c.u * 0.01,
        fill=(190, 190, 186),
    )
    c.draw.ellipse(
        (sx - c.u * 0.05, cy - r * 0.75, sx + c.u * 0.05, cy - r * 0.15),
        fill=(206, 206, 202),
    )
    c.draw.ellipse(
        (sx - c.u * 0.035, cy - r * 0.7, sx + c.u * 0.03, cy - r * 0.3),
        fill=(230, 230, 226),
    )
    for _ in range(4):
        hx = rng.uniform(0.05, 0.95) * c.w
        hy = rng.choice((rng.uniform(0.04, 0.2), rng.uniform(0.8, 0.96))) * c.h
        _leaf(c, rng, hx, hy, c.u * 0.05)


def _leaf(c: Canvas, rng, x, y, size):
    a = rng.uniform(0, 2 * math.pi)
    dx, dy = math.cos(a), math.sin(a)
    pts = []
    for i in range(13):
        t = i / 12
        w = math.sin(t * math.pi) * size * 0.35
        pts.append((x + dx * size * t - dy * w, y + dy * size * t + dx * w))
    for i in range(12, -1, -1):
        t = i / 12
        w = math.sin(t * math.pi) * size * 0.35
        pts.append((x + dx * size * t + dy * w, y + dy * size * t - dx * w))
    c.draw.polygon(pts, fill=jitter(rng, (92, 140, 70), 12))


# --- portraits -------------------------------------------------------------------

SKINS = [
    (246, 214, 188),
    (232, 190, 156),
    (206, 150, 112),
    (168, 112, 80),
    (120, 80, 58),
    (240, 200, 170),
]
HAIRS = [
    (60, 40, 30),
    (120, 76, 40),
    (200, 160, 90),
    (30, 26, 24),
    (150, 140, 130),
    (170, 80, 40),
]
CLOTHES = [
    (70, 100, 90),
    (170, 90, 60),
    (80, 90, 130),
    (200, 160, 80),
    (120, 70, 70),
    (110, 130, 80),
]
BACKDROPS = [
    (232, 176, 120),
    (214, 190, 130),
    (170, 190, 160),
    (196, 150, 140),
    (160, 180, 200),
    (226, 200, 170),
]


def _ellipse_points(cx, cy, rx, ry, start, end, steps=24):
    """Points on an ellipse from angle `start` to `end` (degrees, 0 = right)."""
    return [
        (
            cx + rx * math.cos(math.radians(start + (end - start) * i / steps)),
            cy + ry * math.sin(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    ]


def _hair_top(c: Canvas, hx, hy, head_w, head_h, color, part=0.25, volume=1.06):
    """Hair over the crown with a soft, side-parted hairline."""
    rx, ry = head_w / 2 * volume, head_h / 2 * volume
    outer = _ellipse_points(hx, hy - head_h * 0.02, rx, ry, 165, 375)
    temple_y = hy - head_h * 0.08
    hairline = []
    for i in range(13):
        t = i / 12
        x = hx + head_w * 0.5 - head_w * t
        dip = math.sin(t * math.pi) * head_h * 0.24
        lift = max(0.0, 1 - abs(t - part) * 3) * head_h * 0.08
        hairline.append((x, temple_y - dip - lift))
    c.draw.polygon([*outer, *hairline], fill=color)


def draw_portrait(
    c: Canvas,
    rng,
    label="",
    hair=None,
    hair_color=None,
    skin=None,
    glasses=None,
    beard=None,
):
    """A friendly head-and-shoulders illustration; traits are random unless given."""
    backdrop = rng.choice(BACKDROPS)
    c.paste_gradient([(0, lighter(backdrop, 0.25)), (1, darker(backdrop, 0.12))])
    cx = c.w / 2
    c.glow((cx, c.h * 0.42), c.u * 0.55, lighter(backdrop, 0.5), 0.7)
    for _ in range(5):
        _leaf(c, rng, rng.uniform(0, c.w), rng.uniform(0, c.h * 0.5), c.u * 0.12)
    c.img.paste(backdrop, (0, 0), Image.new("L", (c.w, c.h), 120))
    skin = skin or rng.choice(SKINS)
    hair_color = hair_color or rng.choice(HAIRS)
    clothes = rng.choice(CLOTHES)
    hair = hair or rng.choice(["short", "long", "bun", "curly", "cropped"])
    glasses = rng.random() < 0.3 if glasses is None else glasses
    beard = (hair == "cropped" and rng.random() < 0.6) if beard is None else beard
    u = c.u
    head_w, head_h = u * 0.3, u * 0.38
    hx, hy = cx, c.h * 0.44
    if hair == "long":
        c.draw.rounded_rectangle(
            (
                hx - head_w * 0.66,
                hy - head_h * 0.4,
                hx + head_w * 0.66,
                hy + head_h * 0.8,
            ),
            radius=head_w * 0.45,
            fill=darker(hair_color, 0.12),
        )
    if hair == "bun":
        r = head_w * 0.2
        c.shaded(
            (
                hx - r,
                hy - head_h * 0.52 - r * 1.6,
                hx + r,
                hy - head_h * 0.52 + r * 0.4,
            ),
            lighter(hair_color, 0.2),
            darker(hair_color, 0.2),
        )
    # shoulders and body
    c.shaded(
        (cx - u * 0.42, c.h * 0.7, cx + u * 0.42, c.h * 1.3),
        lighter(clothes, 0.2),
        darker(clothes, 0.2),
        highlight=(-0.3, -0.8),
    )
    c.draw.rounded_rectangle(
        (cx - u * 0.065, hy + head_h * 0.25, cx + u * 0.065, c.h * 0.73),
        radius=u * 0.03,
        fill=darker(skin, 0.12),
    )
    c.draw.polygon(
        [(cx - u * 0.08, c.h * 0.69), (cx + u * 0.08, c.h * 0.69), (cx, c.h * 0.8)],
        fill=darker(skin, 0.12),
    )
    if rng.random() < 0.7:
        apron = rng.choice([(238, 230, 214), (96, 74, 60), (60, 84, 72)])
        c.draw.rounded_rectangle(
            (cx - u * 0.18, c.h * 0.8, cx + u * 0.18, c.h * 1.05),
            radius=u * 0.03,
            fill=apron,
        )
        for side in (-1, 1):
            c.draw.line(
                [(cx + side * u * 0.16, c.h * 0.81), (cx + side * u * 0.07, c.h * 0.7)],
                fill=apron,
                width=int(u * 0.025),
            )
        c.draw.rounded_rectangle(
            (cx - u * 0.08, c.h * 0.88, cx + u * 0.08, c.h * 0.96),
            radius=u * 0.01,
            outline=darker(apron, 0.2),
            width=max(2, int(u * 0.006)),
        )
    # ears and head
    for side in (-1, 1):
        ex = hx + side * head_w * 0.5
        c.draw.ellipse(
            (ex - u * 0.03, hy - u * 0.02, ex + u * 0.03, hy + u * 0.06),
            fill=darker(skin, 0.08),
        )
    c.shaded(
        (hx - head_w / 2, hy - head_h / 2, hx + head_w / 2, hy + head_h / 2),
        lighter(skin, 0.18),
        darker(skin, 0.1),
        highlight=(-0.3, -0.4),
        spread=1.8,
    )
    if beard:
        jaw = _ellipse_points(
            hx, hy + head_h * 0.02, head_w * 0.51, head_h * 0.49, 5, 175
        )
        inner = [
            (hx - head_w * 0.46, hy + head_h * 0.08),
            (hx - head_w * 0.3, hy + head_h * 0.2),
            (hx - head_w * 0.12, hy + head_h * 0.16),
            (hx, hy + head_h * 0.18),
            (hx + head_w * 0.12, hy + head_h * 0.16),
            (hx + head_w * 0.3, hy + head_h * 0.2),
            (hx + head_w * 0.46, hy + head_h * 0.08),
        ]
        c.draw.polygon([*jaw, *inner], fill=darker(hair_color, 0.05))
    # hair
    if hair == "curly":
        for i in range(15):
            a = math.pi * (0.9 + i / 14 * 1.2)
            px = hx + math.cos(a) * head_w * 0.5
            py = hy - head_h * 0.06 + math.sin(a) * head_h * 0.5
            r = head_w * 0.14
            c.draw.ellipse((px - r, py - r, px + r, py + r), fill=hair_color)
        _hair_top(c, hx, hy, head_w, head_h, hair_color, part=0.5, volume=1.02)
    elif hair == "cropped":
        _hair_top(c, hx, hy, head_w, head_h, hair_color, part=0.5, volume=1.01)
    else:
        _hair_top(c, hx, hy, head_w, head_h, hair_color, part=rng.uniform(0.2, 0.35))
    # face
    eye_y = hy + head_h * 0.04
    for side in (-1, 1):
        ex = hx + side * head_w * 0.19
        c.draw.ellipse(
            (ex - u * 0.012, eye_y - u * 0.016, ex + u * 0.012, eye_y + u * 0.016),
            fill=(44, 34, 30),
        )
        c.draw.line(
            [
                (ex - u * 0.03, eye_y - u * 0.045),
                (ex + u * 0.03, eye_y - u * 0.05 + side * u * 0.004),
            ],
            fill=darker(hair_color, 0.2),
            width=max(2, int(u * 0.008)),
        )
        c.draw.ellipse(
            (ex - u * 0.035, eye_y + u * 0.04, ex + u * 0.02, eye_y + u * 0.07),
            fill=(226, 120, 110, 70),
        )
    c.draw.arc(
        (hx - u * 0.05, hy + head_h * 0.12, hx + u * 0.05, hy + head_h * 0.28),
        20,
        160,
        fill=(150, 70, 60),
        width=max(2, int(u * 0.008)),
    )
    c.draw.line(
        [
            (hx, eye_y + u * 0.01),
            (hx - u * 0.012, eye_y + u * 0.055),
            (hx + u * 0.005, eye_y + u * 0.06),
        ],
        fill=darker(skin, 0.2),
        width=max(2, int(u * 0.005)),
    )
    if glasses:
        for side in (-1, 1):
            ex = hx + side * head_w * 0.19
            c.draw.ellipse(
                (ex - u * 0.04, eye_y - u * 0.035, ex + u * 0.04, eye_y + u * 0.035),
                outline=(60, 50, 46),
                width=max(2, int(u * 0.007)),
            )
        c.draw.line(
            [(hx - u * 0.03, eye_y), (hx + u * 0.03, eye_y)],
            fill=(60, 50, 46),
            width=max(2, int(u * 0.006)),
        )
    if label:
        r = u * 0.09
        bx, by = c.w - r * 1.5, c.h - r * 1.5
        c.draw.ellipse((bx - r, by - r, bx + r, by + r), fill=CREAM)
        c.text((bx, by), label, r * 0.8, INK, bold=True, serif=True)


# --- the public interface ------------------------------------------------------

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
