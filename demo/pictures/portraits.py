"""Friendly head-and-shoulders portraits of the people behind the counter."""

import math

from PIL import Image

from .canvas import CREAM, INK, Canvas, darker, leaf, lighter

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
        leaf(c, rng, rng.uniform(0, c.w), rng.uniform(0, c.h * 0.5), c.u * 0.12)
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
