#!/usr/bin/env python3
"""SMACT's compositional validity, re-derived in a few lines for checking xtal's Java predicate.

SMACT itself cannot be installed here (no PyPI, no Debian package). This script runs the algorithm
of CDVAE's eval_utils.smact_validity (also DiffCSP's and CrystalFormer's scripts/eval_utils.py)
with SMACT 2.2.1's functions and data, written from their published source:
  * composition: element counts divided by their gcd, elements sorted by atomic number
    (CDVAE's Crystal.get_composition);
  * one element -> valid; every element in smact.metals -> valid (include_alloys=True);
  * otherwise valid iff some product of one oxidation state per element (Element.oxidation_states)
    is neutral for the reduced counts (neutral_ratios with stoichs=[(c,)...]) and passes
    pauling_test -> eneg_states_test, whose pairs run in itertools.combinations order:
      ox1>0, ox2<0: eneg1 >= eneg2 fails; ox1<0, ox2>0: eneg1 <= eneg2 fails; comparing with an
      unknown (None) electronegativity raises TypeError, which smact_validity takes as "passes";
      any other pair with an unknown electronegativity fails (SMACT 2.2.1's third branch).
Data: the table xtal ships (stdlib/.../smact/smact-2.2.1.tsv, made by extract_data.py from SMACT's
own files), or --smact-git DIR --commit C to read SMACT's files at another commit.

Input: formulas on stdin (one per line, e.g. Li3PS4; a leading 'id,' column is kept).
Output: 'formula<TAB>True|False' per line.
"""
import argparse
import itertools
import math
import re
import subprocess
import sys
from functools import reduce
from pathlib import Path

TABLE = Path(__file__).resolve().parents[2] / "stdlib/src/main/resources/xtal/stdlib/smact/smact-2.2.1.tsv"


def load_table(path):
    z, eneg, metal, ox = {}, {}, set(), {}
    for line in Path(path).read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        sym = cols[0]
        z[sym] = int(cols[1])
        eneg[sym] = None if cols[2] == "None" else float(cols[2])
        if cols[3] == "yes":
            metal.add(sym)
        ox[sym] = [int(s) for s in cols[4].split()]
    return z, eneg, metal, ox


def load_git(git_dir, commit, ox_file):
    def show(p):
        return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{p}"], check=True,
                              capture_output=True, text=True).stdout.replace("\r", "")
    z, eneg, ox = {}, {}, {}
    for line in show("smact/data/element_data.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            it = line.split()
            z[it[0]] = int(float(it[2]))
            eneg[it[0]] = None if it[9] == "None" else float(it[9])
    for line in show(f"smact/data/{ox_file}").splitlines():
        if line.strip() and not line.startswith("#"):
            it = line.split()
            ox[it[0]] = [int(s) for s in it[1:]]
    src = show("smact/__init__.py")
    m = re.search(r"^metals\s*=\s*(\[.*?\])", src, re.S | re.M)
    import ast
    return z, eneg, set(ast.literal_eval(m.group(1))), ox


def parse(formula):
    """Element counts of a formula such as Ba3(ZnAs2)2 (groups in parentheses, nested)."""
    stack = [{}]
    for tok, sym, n, close, m in re.findall(r"(\()|([A-Z][a-z]?)(\d*)|(\))(\d*)", formula):
        if tok:
            stack.append({})
        elif sym:
            stack[-1][sym] = stack[-1].get(sym, 0) + (int(n) if n else 1)
        else:
            group = stack.pop()
            for k, v in group.items():
                stack[-1][k] = stack[-1].get(k, 0) + v * (int(m) if m else 1)
    return stack[0]


class TypeErrorLike(Exception):
    pass


def eneg_states_test(ox_states, enegs):
    for (o1, e1), (o2, e2) in itertools.combinations(list(zip(ox_states, enegs)), 2):
        if o1 > 0 and o2 < 0:
            if e1 is None or e2 is None:
                raise TypeErrorLike()
            if e1 >= e2:
                return False
        elif o1 < 0 and o2 > 0:
            if e1 is None or e2 is None:
                raise TypeErrorLike()
            if e1 <= e2:
                return False
        elif e1 is None or e2 is None:
            return False
    return True


def smact_valid(counts, data):
    z, eneg, metal, ox = data
    elems = sorted(counts, key=lambda s: z[s])
    c = [counts[e] for e in elems]
    g = reduce(math.gcd, c)
    c = [x // g for x in c]
    if len(elems) == 1:
        return True
    if all(e in metal for e in elems):
        return True
    enegs = [eneg[e] for e in elems]
    for states in itertools.product(*[ox[e] for e in elems]):
        if sum(s * n for s, n in zip(states, c)) != 0:
            continue
        try:
            ok = eneg_states_test(states, enegs)
        except TypeErrorLike:
            ok = True
        if ok:
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--table", default=str(TABLE))
    ap.add_argument("--smact-git")
    ap.add_argument("--commit", default="012a70e4")
    ap.add_argument("--ox-file", default="oxidation_states.txt")
    a = ap.parse_args()
    data = load_git(a.smact_git, a.commit, a.ox_file) if a.smact_git else load_table(a.table)
    for line in sys.stdin:
        f = line.strip().split(",")[-1]
        if f:
            print(f"{f}\t{smact_valid(parse(f), data)}")


if __name__ == "__main__":
    main()
