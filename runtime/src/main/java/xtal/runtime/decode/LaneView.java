package xtal.runtime.decode;

import java.util.List;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.element.Element;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * What a {@link SampleProcessor} may know about the sequence whose next slot it shapes: the
 * crystal so far. Valid only during the call it is passed to.
 */
public interface LaneView {
  /** The sample's index (its random stream), or the prefix's index in a completion or scoring call. */
  int index();

  SpaceGroup group();

  /** The sites completed so far, in sequence order. */
  List<Site> sites();

  /** The Wyckoff position of the site under construction; null before its letter. */
  WyckoffPosition position();

  /** The element of the site under construction; null before it is chosen. */
  Element element();

  /** Atoms in the conventional cell from the completed sites. */
  int atoms();
}
