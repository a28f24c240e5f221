/**
 * The AST of the crystal language: {@link xtal.grammar.ast.Sentence} (a concrete crystal),
 * {@link xtal.grammar.ast.Template} (a sentence with open slots) and {@link
 * xtal.grammar.ast.XtalFile} (queries, lets, imports). Immutable records; numbers stay as written
 * ({@link xtal.grammar.ast.Numeral}).
 */
package xtal.grammar.ast;
