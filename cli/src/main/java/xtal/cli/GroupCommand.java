package xtal.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.SymOp;
import xtal.stdlib.spacegroup.WyckoffPosition;

/** {@code xtalc group N|SYMBOL}: a space group's Wyckoff table, crystal system, centring and lattice rule. */
@Command(
    name = "group",
    mixinStandardHelpOptions = true,
    description = {
      "Print a space group's Wyckoff table: letter, multiplicity, representative coordinates and",
      "free coordinates; with crystal system, centring and the lattice rule.",
      "An unknown group is a usage error (exit 64)."
    })
public final class GroupCommand implements Callable<Integer> {

  @Parameters(paramLabel = "GROUP", description = "Number (1..230) or Hermann-Mauguin symbol (Fm-3m, P2_1/c).")
  String group;

  @Option(names = "--ops", description = "Also list the operations of the general position.")
  boolean ops;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    Optional<SpaceGroup> found =
        group.matches("[0-9]+") ? (group.length() <= 4 ? SpaceGroups.find(Integer.parseInt(group)) : Optional.empty()) : SpaceGroups.bySymbol(group);
    if (found.isEmpty()) {
      err.println("xtalc group: no space group '" + group + "' (numbers run 1..230; symbols are written like Fm-3m or P2_1/c)");
      return Xtalc.USAGE;
    }
    SpaceGroup g = found.get();
    out.println(g.displayName() + "   full symbol " + g.fullSymbol() + "   Hall " + g.hallSymbol() + "   point group " + g.pointGroup());
    out.println("crystal system: " + g.crystalSystem().displayName() + "   centring: " + g.centring() + " (" + g.centring().latticePoints()
        + " lattice point" + (g.centring().latticePoints() == 1 ? "" : "s") + " per cell)");
    out.println("lattice: " + g.latticeRule());
    out.println();
    out.printf("%-6s  %4s  %-22s  %s%n", "letter", "mult", "coordinates", "free");
    for (WyckoffPosition w : g.positions()) {
      String free = w.degreesOfFreedom() == 0 ? "-" : w.freeCoordinateNames();
      out.printf("%-6s  %4d  %-22s  %s%n", w.letter(), w.multiplicity(), w.representativeText(), free);
    }
    if (ops) {
      out.println();
      out.println("general position (" + g.order() + " operations, centring included):");
      for (SymOp op : g.generalPosition()) out.println("  " + op);
    }
    out.flush();
    return Xtalc.OK;
  }
}
