#!/usr/bin/env python3
"""Investigation oracle for issue #7 (not part of the product or the tests): a spglib C library
of a chosen version (tools/spglib_versions/fetch.sh builds the drivers) on one shared collection,
the sentence written from its standardized cell as tools/spglib_oracle.py writes it, compared with
the reference sentences by the criteria of `xtalc import --compare`.

    python3 tools/spglib_versions/run.py DRIVER DATA COLLECTION [--passes 2] [--lattice-noise 1e-9]
        [--position-noise 5e-9] [--seed 1] [--tsv out.tsv]

--passes 2 refines first and analyses the refined cell (what the reference did: its groups are
those of the refined cell). The noise options perturb the lattice (relative, Gaussian) and the
fractional positions (absolute, uniform) before spglib sees them, to tell which answers rest on
floating-point ties (docs/BENCHMARKS.md, 2026-12-01 late night).
"""
import argparse, csv, os, subprocess, sys
from collections import Counter

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import spglib_oracle as oracle  # noqa: E402

csv.field_size_limit(10**9)
LETTERS = oracle.LETTERS


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('driver')
    ap.add_argument('data')
    ap.add_argument('collection')
    ap.add_argument('--passes', type=int, default=1)
    ap.add_argument('--lattice-noise', type=float, default=0.0)
    ap.add_argument('--position-noise', type=float, default=0.0)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--tsv')
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    reps = oracle.representatives(args.data)
    ref = oracle.references(args.data, args.collection)
    cells, symbols = [], {}
    for row in csv.DictReader(open(f'{args.data}/{args.collection}.csv')):
        lat, pos, el = oracle.read_cif(row['cif'])
        if args.lattice_noise:
            lat = lat * (1 + args.lattice_noise * rng.standard_normal((3, 3)))
        if args.position_noise:
            pos = [np.array(p) + args.position_noise * (2 * rng.random(3) - 1) for p in pos]
        names = {}
        types = [names.setdefault(e, len(names)) for e in el]
        symbols[row['material_id']] = {v: k for k, v in names.items()}
        cells.append(f"{row['material_id']} {len(pos)}\n" + ''.join(' '.join(f'{x:.17g}' for x in r) + '\n' for r in lat)
                     + ''.join(f'{p[0]:.17g} {p[1]:.17g} {p[2]:.17g} {t}\n' for p, t in zip(pos, types)))
    out = subprocess.run([args.driver, str(args.passes)], input=''.join(cells), capture_output=True, text=True,
                         check=True).stdout
    counts, tsv = Counter(), open(args.tsv, 'w') if args.tsv else None
    for line in out.splitlines():
        f = line.split('\t')
        mid, s = f[0], None
        if f[1] != 'FAILED':
            std = [x.split(',') for x in f[8].split(';')]
            atoms = [x.split(',') for x in f[9].split(';')]
            d = {'number': int(f[1]), 'hall_number': int(f[2]),
                 'std_lattice': np.array([float(x) for x in f[6].split(',')]).reshape(3, 3),
                 'std_positions': np.array([[float(x) for x in a[:3]] for a in std]),
                 'std_types': [int(a[3]) for a in std], 'std_mapping_to_primitive': [int(a[4]) for a in std],
                 'wyckoffs': [LETTERS[int(a[0])] for a in atoms], 'equivalent_atoms': [int(a[1]) for a in atoms],
                 'mapping_to_primitive': [int(a[2]) for a in atoms]}
            s = oracle.sentence(d, symbols[mid], reps)
        v = 'failed' if s is None else oracle.verdict(s, ref[mid])
        counts[v] += 1
        if tsv:
            tsv.write(f'{mid}\t{v}\t{s}' + ('' if s is None else f'\t{f[2]}\t{f[4]}\t{f[5]}') + '\n')
    n = sum(counts.values())
    print(args.collection, n, dict(counts), f"agree {counts['agree'] / n:.4f}")


if __name__ == '__main__':
    main()
