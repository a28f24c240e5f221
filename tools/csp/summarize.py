#!/usr/bin/env python3
"""Summarises the per-crystal results of `xtalc csp --benchmark` (OUT/benchmark.csv), also of a run
stopped early (its rows are a prefix of a seeded shuffle of the split, so still a random sample):

    python3 tools/csp/summarize.py OUT/benchmark.csv [OUT/benchmark.csv …]

Prints, per file: crystals, those not predicted (composition beyond the atom limit), match rate
and mean normalised RMSE for the four readings (first sample, top-1 ranked, any of the first 20
samples, any of the top-20 ranked), and the mean seconds per composition (compile + sample, rank).
"""
import csv
import sys

READINGS = [("rms_first", "first sample"), ("rms_top1_ll", "top-1 by log-likelihood per atom"), ("rms_top1_copies", "top-1 most often sampled"),
            ("rms_first20", "any of first 20 samples"), ("rms_top20_ll", "any of top 20 by log-likelihood"), ("rms_top20_copies", "any of top 20 most often sampled")]

for path in sys.argv[1:]:
    rows = list(csv.DictReader(open(path)))
    n = len(rows)
    failed = sum(1 for r in rows if r["error"])
    compiled = [float(r["compile_s"]) for r in rows if not r["error"] and float(r["compile_s"]) > 0]
    secs = [float(r["compile_s"]) + float(r["sample_s"]) for r in rows if not r["error"]]
    print(f"{path}: {n} crystals, {failed} not predicted")
    print("| reading | match rate (DiffCSP: SMACT-valid only) | mean RMSE | match rate (all) | mean RMSE |\n|---|---:|---:|---:|---:|")
    for col, label in READINGS:
        cells = []
        for smact in (True, False):
            m = [float(r[col]) for r in rows if r[col] and (not smact or r.get("smact_valid", "true") == "true")]
            cells.append(f"{100 * len(m) / max(n, 1):.2f} % ({len(m)}/{n}) | {sum(m) / len(m) if m else float('nan'):.4f}")
        print(f"| {label} | {cells[0]} | {cells[1]} |")
    if secs:
        print(f"seconds per composition: {sum(secs) / len(secs):.2f} (compile {sum(compiled) / max(len(compiled), 1):.2f} "
              f"over {len(compiled)} distinct queries, sample+rank {sum(float(r['sample_s']) for r in rows if not r['error']) / len(secs):.2f})")
    print()
