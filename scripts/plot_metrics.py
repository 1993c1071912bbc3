#!/usr/bin/env python3
"""Draws strength against compute for a `tengen run` folder as an SVG, with
no plotting library: for each generation of RUN/metrics.jsonl, the score
rate against GNU Go and against generation 0 (points with 95% interval bars)
at the wall-clock hours the run had spent by then (x 2 cores for CPU-hours),
after OFFSET_HOURS spent before the run (a teacher stage, say).

Usage: plot_metrics.py RUN_DIR OUT.svg [OFFSET_HOURS] [TITLE]
"""
import json
import sys

W, H, LEFT, RIGHT, TOP, BOTTOM = 720, 400, 60, 160, 40, 50
SERIES = [('vs_gnugo', 'against GNU Go', '#c0392b'), ('vs_first', 'against generation 0', '#2471a3')]


def main(run_dir, out, offset, title):
    rows = []
    with open(f'{run_dir}/metrics.jsonl', encoding='utf-8') as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    if not rows:
        sys.exit(f'{run_dir}/metrics.jsonl has no generations')
    hours, points = offset, []
    for row in rows:
        hours += row.get('seconds', 0) / 3600
        points.append((hours, row))
    x_max = max(h for h, _ in points) * 1.05
    x_min = 0.0

    def x(h):
        return LEFT + (h - x_min) / (x_max - x_min) * (W - LEFT - RIGHT)

    def y(rate):
        return TOP + (1 - rate) * (H - TOP - BOTTOM)

    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    for tick in (0, 0.25, 0.5, 0.75, 1):
        svg.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" '
                   f'stroke="#ddd"/>')
        svg.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end">{int(tick * 100)}%</text>')
    steps = 6
    for i in range(steps + 1):
        h = x_min + (x_max - x_min) * i / steps
        svg.append(f'<text x="{x(h)}" y="{H - BOTTOM + 16}" text-anchor="middle">{h:.2f}</text>')
    svg.append(f'<text x="{(LEFT + W - RIGHT) / 2}" y="{H - 12}" text-anchor="middle">'
               'hours on the 2-core machine (x2 for CPU-hours)</text>')
    svg.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{H - BOTTOM}" stroke="black"/>')
    svg.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{H - BOTTOM}" y2="{H - BOTTOM}" '
               'stroke="black"/>')
    if offset > 0:
        svg.append(f'<line x1="{x(offset)}" x2="{x(offset)}" y1="{TOP}" y2="{H - BOTTOM}" '
                   'stroke="#888" stroke-dasharray="4 3"/>')
        svg.append(f'<text x="{x(offset) + 4}" y="{TOP + 12}" fill="#555">self-play starts</text>')
    for index, (key, label, colour) in enumerate(SERIES):
        line = []
        for h, row in points:
            m = row.get(key)
            if not m:
                continue
            cx, cy = x(h), y(m['rate'])
            line.append(f'{cx:.1f},{cy:.1f}')
            svg.append(f'<line x1="{cx}" x2="{cx}" y1="{y(m["low"])}" y2="{y(m["high"])}" '
                       f'stroke="{colour}" stroke-opacity="0.5"/>')
            svg.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{colour}"/>')
        if line:
            svg.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="{colour}"/>')
        ly = TOP + 20 + 20 * index
        svg.append(f'<circle cx="{W - RIGHT + 16}" cy="{ly}" r="4" fill="{colour}"/>')
        svg.append(f'<text x="{W - RIGHT + 26}" y="{ly + 4}">{label}</text>')
    svg.append('</svg>')
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(svg) + '\n')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.0,
         sys.argv[4] if len(sys.argv) > 4 else 'Strength against compute')
