"""Bread, flour and wheat."""

import math

from .canvas import Canvas, darker, jitter, lighter, rgba
from .table import board, floor_shadow, table_scene


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
    top = table_scene(c, rng)
    cx = c.w / 2 + rng.uniform(-0.04, 0.04) * c.w
    board_w = c.u * rng.uniform(0.95, 1.1)
    ground = top + c.h * 0.22
    floor_shadow(c, [(cx, ground, board_w)])
    y = board(c, rng, cx, ground, board_w)
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
            floor_shadow(c, [(c.w * x, ground, size)])
            _loaf(c, rng, c.w * x, ground, size)


def draw_grain(c: Canvas, rng):
    top = table_scene(c, rng)
    cx, y = c.w / 2, top + c.h * 0.32
    sack = (210, 186, 140)
    w, h = c.u * 0.52, c.u * 0.6
    sx = cx - c.u * 0.12
    floor_shadow(c, [(sx, y, w * 1.1)])
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
        floor_shadow(c, [(c.w * 0.14, y + c.u * 0.03, c.u * 0.24)])
        _loaf(c, rng, c.w * 0.14, y + c.u * 0.03, c.u * 0.24)
