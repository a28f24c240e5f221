#!/usr/bin/env python3
"""Investigation oracle for issue #7 (not part of the product or the tests).

Runs the Python spglib that is installed (Debian: python3-spglib) on one shared collection, reads
each CIF as pymatgen does (lattice from the cell parameters, atoms in file order), asks for the
table's setting (origin choice 2 where spglib's default is choice 1), writes the sentence from
spglib's std_positions with xtal's orbit-member rule (the lexicographically least member that
satisfies the Wyckoff representative), and compares it with the reference sentences using the
criteria of `xtalc import --compare`. Prints the counts; with --tsv, one line per structure:
id, verdict, sentence, hall number, transformation_matrix, origin_shift.

    python3 tools/spglib_oracle.py ../shared/data/crystals mp20_val [--limit N] [--tsv out.tsv]
"""
import argparse, ast, csv, re
from fractions import Fraction

import numpy as np

csv.field_size_limit(10**9)
LETTERS = 'abcdefghijklmnopqrstuvwxyzA'


def affine(triplet):
    a, b = np.zeros((3, 3)), np.zeros(3)
    for i, e in enumerate(triplet.split(',')):
        for m in re.finditer(r'([+-]?)(\d*(?:/\d+)?)([xyz]?)', e.replace(' ', '')):
            sign, num, var = m.groups()
            if not num and not var:
                continue
            v = float(Fraction(num)) if num else 1.0
            v = -v if sign == '-' else v
            if var:
                a[i, 'xyz'.index(var)] += v
            else:
                b[i] += v
    return a, b


def satisfies(a, b, x, tol=1e-3):
    for n in np.ndindex(3, 3, 3):
        t = x + np.array(n) - 1 - b
        v = np.linalg.lstsq(a, t, rcond=None)[0] if a.any() else np.zeros(3)
        if np.abs(a @ v - t).max() < tol:
            return True
    return False


def lattice(p):
    a, b, c = p['_cell_length_a'], p['_cell_length_b'], p['_cell_length_c']
    al, be, ga = (np.radians(p[k]) for k in ('_cell_angle_alpha', '_cell_angle_beta', '_cell_angle_gamma'))
    gs = np.arccos(np.clip((np.cos(al) * np.cos(be) - np.cos(ga)) / (np.sin(al) * np.sin(be)), -1, 1))
    return np.array([[a * np.sin(be), 0, a * np.cos(be)],
                     [-b * np.sin(al) * np.cos(gs), b * np.sin(al) * np.sin(gs), b * np.cos(al)], [0, 0, c]])


def read_cif(text):
    lines = text.splitlines()
    par = {}
    for line in lines:
        if line.startswith('_cell_'):
            k, v = line.split()[:2]
            try:
                par[k] = float(v)
            except ValueError:
                pass
    start = [k for k, line in enumerate(lines) if line.strip().startswith('_atom_site_occupancy')][0]
    pos, el = [], []
    for line in lines[start + 1:]:
        f = line.split()
        if len(f) < 7:
            break
        pos.append([float(x) for x in f[3:6]])
        el.append(f[0])
    return lattice(par), pos, el


def sentence(d, symbols, reps):
    g = d['number']
    inv = {}
    for k, prim in enumerate(d['mapping_to_primitive']):
        inv.setdefault(prim, k)
    orbits = {}
    for j, prim in enumerate(d['std_mapping_to_primitive']):
        k = inv[prim]
        orbits.setdefault(d['equivalent_atoms'][k], []).append((j, d['wyckoffs'][k]))
    sites = []
    for members in orbits.values():
        letter = members[0][1]
        a, b = reps[g][LETTERS.index(letter)]
        best = None
        for j, _ in members:
            x = np.round(np.mod(d['std_positions'][j], 1.0), 6)
            x = np.where(x >= 1, x - 1, x)
            if satisfies(a, b, x) and (best is None or tuple(x) < tuple(best)):
                best = x
        if best is None:  # no member satisfies the representative within 1e-3: write the first
            best = np.round(np.mod(d['std_positions'][members[0][0]], 1.0), 6)
        sites.append((letter, symbols[d['std_types'][members[0][0]]], best))
    sites.sort(key=lambda s: (LETTERS.index(s[0]), *s[2]))
    sl = d['std_lattice']
    lengths = np.linalg.norm(sl, axis=1)
    angle = lambda u, v: np.degrees(np.arccos(np.dot(u, v) / np.linalg.norm(u) / np.linalg.norm(v)))
    params = [*lengths, angle(sl[1], sl[2]), angle(sl[0], sl[2]), angle(sl[0], sl[1])]
    fmt = lambda v: f'{v:.6f}'.rstrip('0').rstrip('.') if v else '0'
    return '-'.join([str(g)] + [f'{l}-{e}-' + '-'.join(fmt(v) for v in x) for l, e, x in sites] + ['X']
                    + [f'{v:.4f}' for v in params])


def parse(s):
    t = s.split('-')
    i, sites = 1, []
    while t[i] != 'X':
        sites.append((t[i], t[i + 1], [float(Fraction(v)) for v in t[i + 2:i + 5]]))
        i += 5
    return int(t[0]), sites, [float(v) for v in t[i + 1:i + 7]]


def verdict(mine, ref):
    ga, sa, la = parse(mine)
    gb, sb, lb = parse(ref)
    if ga != gb:
        return 'group'
    if sorted((l, e) for l, e, _ in sa) != sorted((l, e) for l, e, _ in sb):
        return 'sites'
    used = [False] * len(sa)
    for l, e, x in sb:
        for j, (l2, e2, y) in enumerate(sa):
            d = np.array(x) - np.array(y)
            if not used[j] and (l2, e2) == (l, e) and np.abs(d - np.rint(d)).max() <= 1e-3 + 1e-9:
                used[j] = True
                break
        else:
            return 'coordinates'
    if any(abs(u - v) > 1e-3 * abs(v) + 1e-9 for u, v in zip(la, lb)):
        return 'lattice'
    return 'agree'


def representatives(data):
    """Per group, each Wyckoff position's representative as (matrix, vector), letter a first."""
    reps = {}
    for row in csv.reader(open(f'{data}/../spacegroups/wyckoff_list.csv')):
        if row[0].isdigit():
            reps[int(row[0])] = [affine(p[0]) for p in ast.literal_eval(row[1])[::-1]]
    return reps


def references(data, collection):
    """The reference sentence of each structure of a collection, by id."""
    return {r['material_id']: r['sentence'] for r in csv.DictReader(open(f'{data}/{collection}.sentences.csv'))}


def main():
    import spglib  # here, so that the helpers above import without it (tools/spglib_versions)
    ap = argparse.ArgumentParser()
    ap.add_argument('data')
    ap.add_argument('collection')
    ap.add_argument('--limit', type=int)
    ap.add_argument('--tsv')
    ap.add_argument('--symprec', type=float, default=0.01)
    args = ap.parse_args()
    reps = representatives(args.data)
    ref = references(args.data, args.collection)
    counts, out = {}, open(args.tsv, 'w') if args.tsv else None
    for n, row in enumerate(csv.DictReader(open(f'{args.data}/{args.collection}.csv'))):
        if args.limit and n >= args.limit:
            break
        lat, pos, el = read_cif(row['cif'])
        names = {}
        types = [names.setdefault(e, len(names)) for e in el]
        d = spglib.get_symmetry_dataset((lat, pos, types), symprec=args.symprec)
        if d is not None and d['choice'] == '1':
            d = spglib.get_symmetry_dataset((lat, pos, types), symprec=args.symprec, hall_number=d['hall_number'] + 1)
        s = None if d is None else sentence(d, {v: k for k, v in names.items()}, reps)
        v = 'failed' if s is None else verdict(s, ref[row['material_id']])
        counts[v] = counts.get(v, 0) + 1
        if out:
            extra = '' if d is None else f"\t{d['hall_number']}\t{np.round(d['transformation_matrix'], 4).tolist()}\t{np.round(d['origin_shift'], 4).tolist()}"
            out.write(f"{row['material_id']}\t{v}\t{s}{extra}\n")
    print(args.collection, sum(counts.values()), counts)


if __name__ == '__main__':
    main()
