"""The table every still life stands on, and the tableware on it."""

import math

from .canvas import Canvas, darker, lighter, mix, rgba

WALLS = [
    ((240, 214, 170), (206, 160, 108)),  # ochre
    ((226, 170, 130), (180, 110, 80)),  # terracotta
    ((196, 210, 176), (140, 160, 118)),  # sage
    ((190, 206, 210), (130, 152, 160)),  # dusty blue
    ((244, 228, 200), (214, 184, 140)),  # cream
]
WOODS = [(152, 96, 54), (130, 80, 46), (172, 116, 66), (116, 74, 46)]
BOARDS = [(206, 156, 100), (190, 136, 84), (222, 178, 122)]


def table_scene(c: Canvas, rng, top=0.56):
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


def cloth(c: Canvas, rng, x, y, w, h):
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


def board(c: Canvas, rng, cx, y, w):
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


def floor_shadow(c: Canvas, items):
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


def bowl(c: Canvas, rng, cx, y, w, glaze):
    h = w * 0.4
    rim = w * 0.11
    c.shaded(
        (cx - w / 2, y - h - rim, cx + w / 2, y - h + rim),
        darker(glaze, 0.45),
        darker(glaze, 0.2),
        highlight=(0.3, 0.6),
    )
    return (cx, y, w, h, rim)


def bowl_front(c: Canvas, bowl, glaze):
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
