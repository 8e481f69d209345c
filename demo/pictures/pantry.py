"""Jars of honey and preserves."""

from .canvas import CREAM, INK, Canvas, darker, lighter
from .table import floor_shadow, table_scene


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
    top = table_scene(c, rng)
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
    floor_shadow(c, [(cx + dx * c.u, y, w * c.u) for dx, w, _ in jars])
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
