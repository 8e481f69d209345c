"""Dishes seen from above, for recipes."""

import math

from .canvas import Canvas, darker, jitter, leaf, lighter, rgba
from .table import WOODS, cloth

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
    cloth(c, rng, cx - c.u * 0.62, cy - c.u * 0.5, c.u * 0.45, c.u * 0.75)
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
        leaf(c, rng, hx, hy, c.u * 0.05)
