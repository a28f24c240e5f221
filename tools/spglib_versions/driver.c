/* Investigation driver for issue #7 (not part of the product or the tests): runs one spglib C
 * library on cells read from stdin and prints its dataset, one line per cell, for
 * tools/spglib_versions/run.py. Built against each version's own spglib.h by fetch.sh.
 *
 * stdin, per cell: "ID N", three lines with the vectors a, b, c (Cartesian rows), N lines "x y z type".
 * argv[1]: passes (default 1); with 2, the cell is first refined (spg_standardize_cell, as
 *   pymatgen's get_refined_structure) and the dataset is that of the refined cell.
 * env SYMPREC (default 0.01), ANG (angle tolerance in degrees; default -1, spglib's own).
 * stdout: ID, group, Hall number, choice, transformation matrix, origin shift, std lattice (rows),
 *   n_std, std atoms "x,y,z,type,std_mapping_to_primitive;..." and input atoms
 *   "wyckoff,equivalent_atom,mapping_to_primitive;..."; "ID<TAB>FAILED" when spglib finds none.
 * Where the group has two origin choices the table's (choice 2) is asked for, as the reference does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "spglib.h"

static void dump(const char *id, SpglibDataset *d) {
  int i, j;
  printf("%s\t%d\t%d\t%s\t", id, d->spacegroup_number, d->hall_number, d->choice);
  for (i = 0; i < 3; i++)
    for (j = 0; j < 3; j++) printf("%.10g%s", d->transformation_matrix[i][j], i == 2 && j == 2 ? "\t" : ",");
  for (i = 0; i < 3; i++) printf("%.10g%s", d->origin_shift[i], i == 2 ? "\t" : ",");
  for (i = 0; i < 3; i++)
    for (j = 0; j < 3; j++) printf("%.15g%s", d->std_lattice[j][i], i == 2 && j == 2 ? "\t" : ",");
  printf("%d\t", d->n_std_atoms);
  for (i = 0; i < d->n_std_atoms; i++)
    printf("%.15g,%.15g,%.15g,%d,%d%s", d->std_positions[i][0], d->std_positions[i][1], d->std_positions[i][2],
           d->std_types[i], d->std_mapping_to_primitive[i], i + 1 < d->n_std_atoms ? ";" : "\t");
  for (i = 0; i < d->n_atoms; i++)
    printf("%d,%d,%d%s", d->wyckoffs[i], d->equivalent_atoms[i], d->mapping_to_primitive[i], i + 1 < d->n_atoms ? ";" : "\n");
}

int main(int argc, char **argv) {
  char id[256];
  int n, passes = argc > 1 ? atoi(argv[1]) : 1;
  double symprec = getenv("SYMPREC") ? atof(getenv("SYMPREC")) : 0.01;
  double ang = getenv("ANG") ? atof(getenv("ANG")) : -1.0;
  while (scanf("%255s %d", id, &n) == 2) {
    double lat[3][3], v[3][3];
    /* refinement may give up to four times the atoms (spglib's own bound for refine_cell) */
    double(*pos)[3] = malloc(sizeof(double[3]) * n * 4);
    int *types = malloc(sizeof(int) * n * 4);
    for (int i = 0; i < 3; i++)
      if (scanf("%lf %lf %lf", &v[i][0], &v[i][1], &v[i][2]) != 3) return 1;
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) lat[i][j] = v[j][i]; /* spglib: basis vectors as columns */
    for (int i = 0; i < n; i++)
      if (scanf("%lf %lf %lf %d", &pos[i][0], &pos[i][1], &pos[i][2], &types[i]) != 4) return 1;
    for (int p = 1; p < passes; p++) {
      int m = spgat_standardize_cell(lat, pos, types, n, 0, 0, symprec, ang);
      if (m > 0) n = m;
    }
    SpglibDataset *d = spgat_get_dataset(lat, pos, types, n, symprec, ang);
    if (d && strcmp(d->choice, "1") == 0) {
      int h = d->hall_number + 1;
      spg_free_dataset(d);
      d = spgat_get_dataset_with_hall_number(lat, pos, types, n, h, symprec, ang);
    }
    if (!d) printf("%s\tFAILED\n", id);
    else {
      dump(id, d);
      spg_free_dataset(d);
    }
    free(pos);
    free(types);
    fflush(stdout);
  }
  return 0;
}
