#!/usr/bin/env python3
"""Prints the strength ladder as a Markdown table from the summary.json of
every rung folder under OUT_DIR (scripts/strength-ladder.sh writes them).

Usage: ladder_table.py OUT_DIR
"""
import json
import os
import sys

ORDER = ['raw0', 'raw1', 'raw5', 'vis1', 'vis5', 'vis10', 'sec1', 'sec5', 'sec10']


def main(out_dir):
    rows = []
    names = [n for n in ORDER if os.path.isdir(os.path.join(out_dir, n))]
    names += sorted(n for n in os.listdir(out_dir)
                    if n not in ORDER and os.path.isdir(os.path.join(out_dir, n)))
    for name in names:
        path = os.path.join(out_dir, name, 'summary.json')
        if not os.path.exists(path):
            rows.append(f'| {name} | (not finished) | | | |')
            continue
        with open(path, encoding='utf-8') as f:
            s = json.load(f)
        level = name.lstrip('rawvisec') or '?'
        rows.append('| {} | {} level {} | {} | {}-{}-{} | {:.1f}% [{:.1f}%, {:.1f}%] |'.format(
            s['first'], s['second'].replace('|', '/'), level, s['games'], s['wins'], s['draws'],
            s['losses'], 100 * s['score_rate'], 100 * s['score_rate_low'],
            100 * s['score_rate_high']))
    print('| Tengen | opponent | games | W-D-L | score rate [95%] |')
    print('|---|---|---|---|---|')
    print('\n'.join(rows))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
