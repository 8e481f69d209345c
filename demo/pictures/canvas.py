"""The drawing kit for demo pictures: colours, soft light and a supersampled canvas."""

import math
import random
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageFont

Color = tuple[int, int, int]
Size = tuple[int, int]

# Scenes are drawn at this multiple of their size and scaled down, which smooths
# their edges.
SUPERSAMPLE = 2
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CREAM = (248, 240, 224)
INK = (58, 44, 36)


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


def leaf(c: Canvas, rng, x, y, size):
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
