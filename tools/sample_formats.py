#!/usr/bin/env python3
"""Do Python users get the same crystal from every format `xtalc sample` writes?

    python3 tools/sample_formats.py OUTPUT_DIR

OUTPUT_DIR is a `xtalc sample` directory written with
`--format cif,poscar-primitive,extxyz,pymatgen,jsonl`. For every record of samples.jsonl: the
pymatgen Structure JSON (Structure.from_file) and the extended XYZ (ase.io.read) hold the
conventional cell of the CIF (pymatgen's CifParser): same atoms, composition and volume; the
primitive POSCAR holds atoms_primitive atoms in volume / (atoms / atoms_primitive) and matches the
CIF's structure (pymatgen StructureMatcher); the record's lattice is the CIF's cell.
Exit status 0 when all agree, 1 otherwise, 2 without pymatgen or ASE.
"""
import json
import os
import sys
import warnings


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import ase.io
        from pymatgen.analysis.structure_matcher import StructureMatcher
        from pymatgen.core import Structure
        from pymatgen.io.cif import CifParser
    except ImportError as e:
        print(f"sample_formats: {e}", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")
    d = sys.argv[1]
    matcher = StructureMatcher(primitive_cell=True, scale=False, attempt_supercell=True)
    bad = n = 0
    for line in open(os.path.join(d, "samples.jsonl")):
        r = json.loads(line)
        n += 1
        name = r["id"]
        cif = CifParser(os.path.join(d, "cif", name + ".cif")).get_structures(primitive=False)[0]
        pmg = Structure.from_file(os.path.join(d, "pymatgen", name + ".json"))
        xyz = ase.io.read(os.path.join(d, "xyz", name + ".xyz"), format="extxyz")
        prim = Structure.from_file(os.path.join(d, "poscar", name + "-primitive.vasp"))
        lat = r["lattice"]
        problems = []
        if len(cif) != r["atoms"]:
            problems.append(f"CIF has {len(cif)} atoms, record {r['atoms']}")
        if pmg.composition != cif.composition or abs(pmg.volume - cif.volume) > 1e-3:
            problems.append(f"pymatgen JSON {pmg.composition} {pmg.volume:.3f} vs CIF {cif.composition} {cif.volume:.3f}")
        if len(xyz) != len(cif) or abs(xyz.get_volume() - cif.volume) > 1e-3 or sorted(xyz.get_chemical_symbols()) != sorted(str(s.specie) for s in cif):
            problems.append(f"extxyz {len(xyz)} atoms {xyz.get_volume():.3f} Å3")
        if len(prim) != r["atoms_primitive"] or abs(prim.volume * r["atoms"] / r["atoms_primitive"] - cif.volume) > 1e-3:
            problems.append(f"primitive POSCAR {len(prim)} atoms {prim.volume:.3f} Å3, record {r['atoms_primitive']}")
        elif not matcher.fit(prim, cif):
            problems.append("primitive POSCAR is not the CIF's structure")
        if any(abs(x - y) > 1e-4 for x, y in zip(cif.lattice.parameters, [lat[k] for k in ("a", "b", "c", "alpha", "beta", "gamma")])):
            problems.append(f"record lattice {lat} vs CIF {cif.lattice.parameters}")
        if problems:
            bad += 1
            print(f"{name}: " + "; ".join(problems))
    print(f"sample_formats: {n - bad} of {n} samples agree across CIF, pymatgen JSON, extended XYZ and primitive POSCAR")
    return 0 if n and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
