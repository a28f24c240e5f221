/**
 * The crystal language, syntax only: text in, immutable AST or positioned {@link
 * xtal.grammar.Diagnostic}s out.
 *
 * <ul>
 *   <li>{@link xtal.grammar.CrystalParser} — {@code parseSentence}, {@code parseTemplate},
 *       {@code parseFile}; never throws on bad input, never prints.
 *   <li>{@link xtal.grammar.Printer} — the canonical text; {@code parse(print(ast)).equals(ast)}.
 *   <li>{@link xtal.grammar.ast} — {@code Sentence}, {@code Template}, {@code XtalFile}: records
 *       and sealed interfaces, a {@link xtal.grammar.Span} on every node (spans never take part
 *       in equality).
 * </ul>
 *
 * <p>The grammar is {@code src/main/antlr4/xtal/grammar/antlr/Xtal.g4}; the generated parser is
 * an implementation detail, built into a tree by {@code AstBuilder}. Meaning (space-group rules,
 * element and class names, prototypes) belongs to the stdlib and the compiler.
 */
package xtal.grammar;
