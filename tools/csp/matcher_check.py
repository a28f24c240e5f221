#!/usr/bin/python3
"""Checks xtal's CSP matcher (StructureMatcher.rms, Java) against pymatgen's on the pairs of a
`xtalc csp --benchmark` run: for every ranked candidate and its ground-truth crystal, pymatgen's
StructureMatcher(stol=0.5, angle_tol=10, ltol=0.3).get_rms_dist(candidate, truth), exactly as
DiffCSP's compute_metrics.py calls it, beside the RMSE xtal wrote to benchmark-pairs.csv.

    /usr/bin/python3 tools/csp/matcher_check.py OUT SPLIT.csv [--max-pairs N] [--pairs FILE]

OUT is the -o directory of the benchmark run, SPLIT.csv the --input it read (material_id,...,cif);
--pairs reads another pairs file in OUT (benchmark-pairs.recheck.csv from tools/csp/RecheckPairs.java
recomputes the RMSEs with the current matcher).
Prints the agreement on match / no match, the RMSE differences over pairs both call a match, and
each disagreement. Needs Debian's python3-pymatgen (a check, not part of the product).
"""
import csv
import sys
import warnings

from pymatgen.analysis.structure_matcher import StructureMatcher
from pymatgen.core import Structure

warnings.filterwarnings("ignore")
csv.field_size_limit(1 << 30)


def main():
    out, split = sys.argv[1], sys.argv[2]
    max_pairs = int(sys.argv[sys.argv.index("--max-pairs") + 1]) if "--max-pairs" in sys.argv else 10**9
    pairs_file = sys.argv[sys.argv.index("--pairs") + 1] if "--pairs" in sys.argv else "benchmark-pairs.csv"
    truth_cif = {r["material_id"]: r["cif"] for r in csv.DictReader(open(split))}
    cif_of = {(r["material_id"], r["rank"]): r["cif"] for r in csv.DictReader(open(f"{out}/ranked.csv"))}
    pairs = list(csv.DictReader(open(f"{out}/{pairs_file}")))[:max_pairs]
    matcher = StructureMatcher(stol=0.5, angle_tol=10, ltol=0.3)
    truths = {}
    both = only_java = only_pmg = neither = 0
    diffs = []
    for p in pairs:
        mid, rank = p["material_id"], p["rank"]
        if mid not in truths:
            truths[mid] = Structure.from_str(truth_cif[mid], fmt="cif")
        pred = Structure.from_file(f"{out}/{cif_of[(mid, rank)]}")
        r = matcher.get_rms_dist(pred, truths[mid])
        pmg = None if r is None else r[0]
        java = float(p["rms"]) if p["rms"] else None
        if java is not None and pmg is not None:
            both += 1
            diffs.append(abs(java - pmg))
            if abs(java - pmg) > 0.01:
                print(f"  rms differs: {mid} rank {rank}: xtal {java:.4f} pymatgen {pmg:.4f}")
        elif java is not None:
            only_java += 1
            print(f"  only xtal matches: {mid} rank {rank} (xtal {java:.4f})")
        elif pmg is not None:
            only_pmg += 1
            print(f"  only pymatgen matches: {mid} rank {rank} (pymatgen {pmg:.4f})")
        else:
            neither += 1
    n = both + only_java + only_pmg + neither
    print(f"{n} pairs: both match {both}, neither {neither}, only xtal {only_java}, only pymatgen {only_pmg}; "
          f"agreement {100 * (both + neither) / max(n, 1):.2f} %")
    if diffs:
        diffs.sort()
        print(f"|rms xtal - rms pymatgen| over {len(diffs)} common matches: mean {sum(diffs) / len(diffs):.5f}, "
              f"median {diffs[len(diffs) // 2]:.5f}, max {diffs[-1]:.5f}")


if __name__ == "__main__":
    main()
