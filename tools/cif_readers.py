#!/usr/bin/env python3
"""Do the common CIF readers build the crystal xtal wrote?

    python3 tools/cif_readers.py [--readers pymatgen,ase,gemmi] DIR_OR_CIF...

For every CIF xtal wrote (``xtalc cif``, ``xtalc sample --format cif``), each reader builds the
conventional cell and is compared with what the file itself says independently of any symmetry
expansion: the atoms per cell (sum of ``_atom_site_symmetry_multiplicity``), the composition, and
the cell parameters. A reader that expands the sites with other operations than the file's (for
instance the default origin choice 1 where xtal uses origin choice 2) gets a different atom count
or composition. Also checks that gemmi knows the file's extended Hermann-Mauguin symbol and that
its Hall symbol is the file's ``_space_group_name_Hall``.

Prints one line per failure and a summary per reader; exit status 0 when every reader built every
file, 1 otherwise, 2 when a reader is missing (Debian: python3-pymatgen python3-ase python3-gemmi).
"""
import argparse
import collections
import contextlib
import io
import os
import sys
import warnings

LENGTH_TOL = 1e-3  # Å
ANGLE_TOL = 1e-3  # degrees


def expected(path):
    """Atoms per cell, composition and cell from the file's own asymmetric unit and multiplicities."""
    import gemmi  # plain CIF syntax only: the values as written

    block = gemmi.cif.read_file(path).sole_block()
    mult = block.find_loop("_atom_site_symmetry_multiplicity")
    types = block.find_loop("_atom_site_type_symbol")
    comp = collections.Counter()
    for t, m in zip(types, mult):
        comp[t] += int(m)
    cell = [float(block.find_value("_cell_" + k)) for k in
            ("length_a", "length_b", "length_c", "angle_alpha", "angle_beta", "angle_gamma")]
    info = {k: gemmi.cif.as_string(block.find_value(k) or "?") for k in
            ("_space_group_name_H-M_alt", "_space_group_name_Hall", "_space_group_IT_number")}
    return sum(comp.values()), dict(comp), cell, info


def by_pymatgen(path):
    from pymatgen.io.cif import CifParser

    s = CifParser(path).get_structures(primitive=False)[0]
    l = s.lattice
    return len(s), {str(e): int(round(n)) for e, n in s.composition.items()}, [l.a, l.b, l.c, l.alpha, l.beta, l.gamma]


def by_ase(path):
    import ase.io

    a = ase.io.read(path, format="cif")
    return len(a), dict(collections.Counter(a.get_chemical_symbols())), list(a.cell.cellpar())


def by_gemmi(path):
    import gemmi

    st = gemmi.read_small_structure(path)
    sites = st.get_all_unit_cell_sites()
    c = st.cell
    return len(sites), dict(collections.Counter(s.element.name for s in sites)), [c.a, c.b, c.c, c.alpha, c.beta, c.gamma]


READERS = {"pymatgen": by_pymatgen, "ase": by_ase, "gemmi": by_gemmi}


def gemmi_symbol_check(info):
    """gemmi must know the extended H-M symbol, and its Hall symbol must be the file's."""
    import gemmi

    hm, hall = info["_space_group_name_H-M_alt"], info["_space_group_name_Hall"]
    if hm in ("?", "") or hall in ("?", ""):
        return "no _space_group_name_H-M_alt or _space_group_name_Hall"
    sg = gemmi.find_spacegroup_by_name(hm)
    if sg is None:
        return f"gemmi does not know the symbol {hm!r}"
    by_hall = gemmi.find_spacegroup_by_ops(gemmi.symops_from_hall(hall))
    if by_hall is None or by_hall.hall.replace(" ", "") != sg.hall.replace(" ", ""):
        return f"{hm!r} is {sg.hall!r} to gemmi, the file says Hall {hall!r}"
    if str(sg.number) != info["_space_group_IT_number"]:
        return f"{hm!r} is number {sg.number} to gemmi, the file says {info['_space_group_IT_number']}"
    return None


def cif_files(args):
    for a in args:
        if os.path.isdir(a):
            for root, _, files in os.walk(a):
                yield from (os.path.join(root, f) for f in sorted(files) if f.endswith(".cif"))
        else:
            yield a


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--readers", default="pymatgen,ase,gemmi")
    ap.add_argument("paths", nargs="+")
    opts = ap.parse_args()
    readers = opts.readers.split(",")
    try:
        for r in readers:
            __import__({"pymatgen": "pymatgen.io.cif"}.get(r, r))
        import gemmi  # noqa: F401  (expected() reads the files with it)
    except ImportError as e:
        print(f"cif_readers: {e} (Debian: apt-get install python3-pymatgen python3-ase python3-gemmi)", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")
    files = list(cif_files(opts.paths))
    bad = collections.Counter()
    for path in files:
        n, comp, cell, info = expected(path)
        why = gemmi_symbol_check(info)
        if why:
            bad["symbol"] += 1
            print(f"{path}: {why}")
        for r in readers:
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    got = READERS[r](path)
            except Exception as e:  # a reader that cannot build the file fails it
                bad[r] += 1
                print(f"{path}: {r}: {type(e).__name__}: {e}")
                continue
            gn, gcomp, gcell = got
            problems = []
            if gn != n or gcomp != comp:
                problems.append(f"{gn} atoms {sorted(gcomp.items())}, expected {n} {sorted(comp.items())}")
            if any(abs(x - y) > (LENGTH_TOL if i < 3 else ANGLE_TOL) for i, (x, y) in enumerate(zip(gcell, cell))):
                problems.append(f"cell {[round(x, 4) for x in gcell]}, expected {cell}")
            if problems:
                bad[r] += 1
                print(f"{path}: {r}: " + "; ".join(problems))
    for r in readers + ["symbol"]:
        print(f"cif_readers: {r}: {len(files) - bad[r]} of {len(files)} files built as written")
    return 0 if files and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
