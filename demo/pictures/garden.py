"""Vegetables, pumpkins and apples from the garden."""

import math

from .canvas import Canvas, darker, jitter, lighter, rgba
from .table import BOARDS, bowl, bowl_front, floor_shadow, table_scene

APPLES = [(196, 50, 40), (150, 170, 60), (214, 90, 50), (170, 30, 40)]


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


def _apple(c: Canvas, rng, cx, cy, r, color):
    color = jitter(rng, color, 10)
    c.shaded((cx - r, cy - r, cx + r, cy + r), lighter(color, 0.4), darker(color, 0.3))
    c.draw.line(
        [(cx, cy - r * 0.7), (cx + r * 0.1, cy - r * 1.15)],
        fill=(90, 64, 40),
        width=max(2, int(r * 0.08)),
    )
    _leaf_at(c, cx + r * 0.08, cy - r * 1.05, r * 0.6, 0.5, (90, 140, 60))


def draw_vegetables(c: Canvas, rng):
    top = table_scene(c, rng)
    cx = c.w / 2 + rng.uniform(-0.05, 0.05) * c.w
    cw, ch = c.u * 0.86, c.u * 0.28
    y = top + c.h * 0.26
    floor_shadow(c, [(cx, y, cw * 1.05)])
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
    floor_shadow(c, [(cx - cw * 0.1, y + c.u * 0.07, cw * 0.5)])
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
        floor_shadow(c, [(tx, y - c.u * 0.02, c.u * 0.13)])
        _tomato(c, rng, tx, y - c.u * 0.09, c.u * 0.075)
    if c.w > c.h * 1.3:
        floor_shadow(c, [(c.w * 0.12, y + c.u * 0.02, c.u * 0.3)])
        _pumpkin(c, rng, c.w * 0.12, y + c.u * 0.03, c.u * 0.3)


def draw_pumpkins(c: Canvas, rng):
    top = table_scene(c, rng, top=0.54)
    cx = c.w / 2
    y = top + c.h * 0.3
    sizes = [(0, 0.5), (-0.36, 0.36), (0.36, 0.4)]
    if c.w > c.h * 1.3:
        sizes += [(-0.64, 0.28), (0.68, 0.26)]
    floor_shadow(c, [(cx + dx * c.u, y, s * c.u) for dx, s in sizes])
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


def draw_apples(c: Canvas, rng):
    top = table_scene(c, rng)
    glaze = rng.choice([(224, 214, 194), (88, 122, 134), (180, 122, 80)])
    cx, y, w = c.w / 2, top + c.h * 0.3, c.u * 0.8
    floor_shadow(c, [(cx, y, w * 0.8)])
    dish = bowl(c, rng, cx, y, w, glaze)
    colors = APPLES
    r = w * 0.12
    for row, count in ((0, 3), (1, 4)):
        for i in range(count):
            ax = cx - (count - 1) / 2 * r * 1.8 + i * r * 1.8 + rng.uniform(-4, 4)
            ay = y - w * 0.44 - (1 - row) * r * 0.9
            _apple(c, rng, ax, ay, r, rng.choice(colors))
    bowl_front(c, dish, glaze)
    for ax in (cx + w * 0.7, cx - w * 0.72):
        floor_shadow(c, [(ax, y + c.u * 0.02, r * 2.2)])
        _apple(c, rng, ax, y - r * 0.9 + c.u * 0.02, r, rng.choice(colors))
