#!/usr/bin/env python3
"""Writes xtal's SMACT table (stdlib resource) from SMACT's own data files.

SMACT 2.2.1 is the version CDVAE, DiffCSP and FlowMM pin (smact==2.2.1) and whose defaults
CrystalFormer's copy of CDVAE's smact_validity runs with. Its files are read from a git checkout of
WMD-group/SMACT at commit 012a70e4 (setup.py version 2.2.1):
  smact/data/oxidation_states.txt  -> Element.oxidation_states (the default list, "SMACT14")
  smact/data/element_data.txt      -> Element.pauling_eneg (column el_neg; 'None' when unknown)
  smact/__init__.py                -> smact.metals
Usage: extract_data.py SMACT_GIT_DIR > stdlib/src/main/resources/xtal/stdlib/smact/smact-2.2.1.tsv
"""
import ast
import re
import subprocess
import sys

COMMIT = "012a70e4"


def show(git_dir, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{COMMIT}:{path}"], check=True,
                          capture_output=True, text=True).stdout.replace("\r", "")


def main(git_dir):
    ox = {}
    for line in show(git_dir, "smact/data/oxidation_states.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        items = line.split()
        ox[items[0]] = [int(x) for x in items[1:]]
    data = []
    for line in show(git_dir, "smact/data/element_data.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        items = line.split()
        data.append((items[0], int(float(items[2])), items[9]))
    init = show(git_dir, "smact/__init__.py")
    m = re.search(r"^metals\s*=\s*(\[.*?\])", init, re.S | re.M)
    metals = set(ast.literal_eval(m.group(1)))
    print("# SMACT 2.2.1 data as smact_validity uses it by default (github.com/WMD-group/SMACT, commit")
    print("# 012a70e4, setup.py version 2.2.1, the smact==2.2.1 pinned by CDVAE/DiffCSP/FlowMM):")
    print("# oxidation_states = smact/data/oxidation_states.txt (Element.oxidation_states, the default list);")
    print("# pauling_eneg = smact/data/element_data.txt column el_neg (CRC Handbook 92nd ed.; None = unknown);")
    print("# metal = membership of smact.metals (smact/__init__.py).")
    print("# Written by tools/smact/extract_data.py. Columns: symbol, Z, pauling_eneg, metal, oxidation states.")
    for sym, z, eneg in data:
        states = " ".join(f"{s:+d}" for s in ox.get(sym, []))
        print(f"{sym}\t{z}\t{eneg}\t{'yes' if sym in metals else 'no'}\t{states}")


if __name__ == "__main__":
    main(sys.argv[1])
