/**
 * The generator's library entry point, {@link xtal.runtime.Generator}: load a model directory
 * (through the {@code xtal.model} contract, never training code), sample crystals that satisfy a
 * compiled query, complete a kept prefix of a crystal, score crystals. Subpackages: {@code decode}
 * (the constrained decoder and its seams), {@code sampling} (the samplers), {@code engine} (the
 * model through DJL), {@code output} (files).
 */
package xtal.runtime;
