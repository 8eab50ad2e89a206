"""Small SVG line charts for docs/performance.md, written by hand (no plotting library).

    .venv/bin/python bench/charts.py bench/out docs/images

Reads turn.json (bench_turn.py --json) and scale-*.json (bench_results.py --scale --json)
from the first folder and writes throughput.svg and results-scale.svg into the second.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 560, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 36, 48
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#6f72af", "#f47738", "#505a5f")
DASHES = ("", "6 4", "2 3", "8 3 2 3")

Series = tuple[str, Sequence[tuple[float, float]]]


def line_chart(
    title: str,
    x_label: str,
    y_label: str,
    series: list[Series],
    log_x: bool = False,
    x_format: Callable[[float], str] = lambda v: f"{v:g}",
) -> str:
    """An accessible SVG: a title, labelled axes, one polyline and legend entry per series."""
    xs = sorted({x for _name, points in series for x, _y in points})
    y_max = max((y for _name, points in series for _x, y in points), default=1) * 1.1 or 1
    to_x = (lambda v: math.log10(v)) if log_x else (lambda v: v)
    x_lo, x_hi = to_x(xs[0]), to_x(xs[-1])
    span = (x_hi - x_lo) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (to_x(x) - x_lo) / span * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - y / y_max * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="t">',
        f'<title id="t">{escape(title)}</title>',
        '<rect width="100%" height="100%" fill="#fff"/>',
        f'<text x="{LEFT}" y="20" font-family="sans-serif" font-size="14" '
        f'font-weight="bold">{escape(title)}</text>',
    ]
    for n in range(5):
        y = y_max * n / 4
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{py(y):.1f}" y2="{py(y):.1f}" '
            'stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{py(y) + 4:.1f}" text-anchor="end" '
            f'font-family="sans-serif" font-size="11">{y:.0f}</text>'
        )
    for x in xs:
        out.append(
            f'<text x="{px(x):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" '
            f'font-family="sans-serif" font-size="11">{escape(x_format(x))}</text>'
        )
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 8}" text-anchor="middle" '
        f'font-family="sans-serif" font-size="12">{escape(x_label)}</text>'
    )
    out.append(
        f'<text transform="translate(14 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle" '
        f'font-family="sans-serif" font-size="12">{escape(y_label)}</text>'
    )
    out.append(
        f'<path d="M{LEFT} {TOP} V{TOP + plot_h} H{LEFT + plot_w}" fill="none" stroke="#0b0c0c"/>'
    )
    for n, (name, points) in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n // 2 % len(DASHES)]
        coords = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in sorted(points))
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>'
        )
        for x, y in points:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>')
        ly = TOP + 10 + n * 18
        lx = LEFT + plot_w + 12
        out.append(
            f'<line x1="{lx}" x2="{lx + 22}" y1="{ly}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
        )
        out.append(
            f'<text x="{lx + 28}" y="{ly + 4}" font-family="sans-serif" '
            f'font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def throughput(turn: dict[str, list[dict[str, float]]]) -> str:
    """Requests (bare) or turns (chat) per second against gunicorn workers."""
    series: list[Series] = []
    for row_name in sorted({r["series"] for r in turn["rows"]}):
        points = [(r["workers"], r["per_second"]) for r in turn["rows"] if r["series"] == row_name]
        series.append((row_name, points))
    return line_chart(
        "Throughput against gunicorn workers (2 CPUs)", "sync workers", "per second", series
    )


def scale(files: list[Path]) -> str:
    """Results page time (the slowest page at each size) against conversations."""
    series: list[Series] = []
    for path in files:
        data = json.loads(path.read_text())
        for label, column in (("warm", 2), ("cold", 3)):
            worst: dict[int, float] = {}
            for row in data["rows"]:
                worst[row[0]] = max(worst.get(row[0], 0), row[column] * 1000)
            series.append((f"{data['database']} {label}", sorted(worst.items())))
    return line_chart(
        "Slowest results page against conversations",
        "sent conversations (log scale)",
        "milliseconds",
        series,
        log_x=True,
        x_format=lambda v: f"{v / 1000:g}k" if v < 1_000_000 else f"{v / 1_000_000:g}M",
    )


def main(argv: list[str]) -> int:
    source, target = Path(argv[1]), Path(argv[2])
    target.mkdir(parents=True, exist_ok=True)
    if (source / "turn.json").exists():
        turn = json.loads((source / "turn.json").read_text())
        (target / "throughput.svg").write_text(throughput(turn))
        print(f"wrote {target / 'throughput.svg'}")
    scales = sorted(source.glob("scale-*.json"))
    if scales:
        (target / "results-scale.svg").write_text(scale(scales))
        print(f"wrote {target / 'results-scale.svg'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
