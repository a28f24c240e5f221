package xtal.runtime.decode;

/**
 * The heads of one decoding step for a batch, each row-major {@code [batch × width]}: letter/END
 * logits (28), element logits (118), the von Mises mixture of a coordinate (log weights, locations
 * in radians, concentrations), and the Gaussian mixture of a lattice parameter in modelled units.
 */
public record HeadOutputs(
    int batch,
    float[] letterLogits,
    float[] elementLogits,
    float[] coordLogWeights,
    float[] coordLocations,
    float[] coordConcentrations,
    float[] latticeLogWeights,
    float[] latticeMeans,
    float[] latticeStds) {}
