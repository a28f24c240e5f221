package xtal.runtime.decode;

/**
 * A crystal or prefix the query does not allow, and the first reason: a token its automaton
 * forbids, or a value outside a fixed value, range or tie of the query.
 *
 * @param index its index in the call
 * @param reason what is not allowed, naming the site or lattice parameter
 */
public record Rejected(int index, String reason) implements Completion, Scoring {}
