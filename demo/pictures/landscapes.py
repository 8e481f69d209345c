"""Rolling farmland under a wide sky, with or without a herd."""

import math
import random

from .canvas import Canvas, Color, darker, jitter, lighter, mix, rgba, wave

TRUNK = (92, 66, 46)


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
