"""Cheese, milk and eggs."""

from .canvas import CREAM, Canvas, darker, jitter, lighter, rgba
from .table import board, bowl, bowl_front, floor_shadow, table_scene


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
    top = table_scene(c, rng)
    rind = jitter(rng, rng.choice([(204, 150, 72), (176, 124, 66), (218, 180, 110)]))
    paste = jitter(rng, rng.choice([(248, 216, 128), (250, 232, 176), (244, 204, 112)]))
    cx = c.w / 2
    board_w = c.u * 1.1
    ground = top + c.h * 0.24
    floor_shadow(c, [(cx, ground, board_w)])
    y = board(c, rng, cx, ground, board_w)
    _cheese_wheel(c, rng, cx - c.u * 0.16, y - c.u * 0.01, c.u * 0.56, rind, paste)
    _cheese_wedge(c, rng, cx + c.u * 0.27, y + c.u * 0.02, c.u * 0.34, rind, paste)
    grapes = (128, 74, 116) if rng.random() < 0.5 else (176, 184, 96)
    _grapes(c, rng, cx - board_w * 0.43, y + c.u * 0.03, c.u * 0.03, grapes)
    if c.w > c.h * 1.3:
        ground = top + c.h * 0.34
        floor_shadow(c, [(c.w * 0.86, ground, c.u * 0.36)])
        _cheese_wheel(c, rng, c.w * 0.86, ground, c.u * 0.36, darker(rind, 0.25), paste)


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
    top = table_scene(c, rng)
    glaze = rng.choice(
        [(88, 122, 134), (206, 196, 176), (122, 144, 100), (176, 100, 70)]
    )
    cx, y, w = c.w / 2, top + c.h * 0.3, c.u * 0.78
    floor_shadow(c, [(cx, y, w * 0.8)])
    dish = bowl(c, rng, cx, y, w, glaze)
    ew = w * 0.19
    for row, count in ((0, 4), (1, 5)):
        for i in range(count):
            ex = cx - (count - 1) / 2 * ew * 0.95 + i * ew * 0.95 + rng.uniform(-5, 5)
            ey = y - w * 0.4 - w * 0.06 - (1 - row) * ew * 0.45
            _egg(c, rng, ex, ey, ew)
    bowl_front(c, dish, glaze)
    for ex in (cx + w * 0.66, cx - w * 0.72):
        floor_shadow(c, [(ex, y + c.u * 0.03, ew * 1.2)])
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
    top = table_scene(c, rng)
    cx = c.w / 2
    y = top + c.h * 0.3
    cap = rng.choice([(60, 110, 160), (190, 60, 50), (220, 170, 60)])
    bottles = [(-0.24, 0.22), (0.02, 0.24)]
    floor_shadow(c, [(cx + dx * c.u, y, w * c.u) for dx, w in bottles])
    for dx, w in bottles:
        _bottle(c, cx + dx * c.u, y, w * c.u, cap)
    floor_shadow(c, [(cx + c.u * 0.36, y + c.u * 0.02, c.u * 0.36)])
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
        floor_shadow(c, [(c.w * 0.16, y + c.u * 0.04, c.u * 0.2)])
        _egg(c, rng, c.w * 0.15, y - c.u * 0.08, c.u * 0.12)
        _egg(c, rng, c.w * 0.2, y - c.u * 0.06, c.u * 0.12)
