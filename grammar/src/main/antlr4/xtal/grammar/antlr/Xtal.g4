/*
 * The crystal language: crystal sentences, template queries and .xtal query files.
 *
 * A sentence is   group (-site)* -X (-number)*      site = letter-element(-coordinate){0,3}
 * A template is the same with slots: '?', [a|b], [!O|F], [lanthanide], [0.1..0.3], {cubic},
 * $A=[Li|Na] / $A, and groups of sites (…)* (…)+ (…)? (…){n,m}.
 *
 * Which numbers are coordinates and which are lattice parameters is positional; whether a
 * sentence is in the full or the compact form needs the space-group tables, so numbers are kept
 * as written. Semantic checks (group 1..230, letters of the group, existing elements, classes)
 * belong to the stdlib. The AST is built from this tree by xtal.grammar.AstBuilder; generated
 * code is never edited.
 */
grammar Xtal;

// ---------------------------------------------------------------- entry points

/** One sentence or template, alone on its line. */
templateLine : template EOF ;

/** A whole .xtal file. */
xtalFile : item* EOF ;

// ---------------------------------------------------------------- sentences and templates

template
    : groupSlot (DASH sitePattern)* DASH END_X (DASH numberSlot)*
    ;

sitePattern
    : site                                              # singleSite
    | LPAREN sitePattern (DASH sitePattern)* RPAREN repeat?  # siteGroup
    ;

/**
 * At most three coordinates. A '?' that could be a coordinate or the next letter is a coordinate
 * unless only the other reading parses (ANTLR's lookahead, first alternative on a true
 * ambiguity): ?-?-?-?-?-?-?-?-?-? after the group is two full sites.
 */
site
    : letterSlot DASH elementSlot (DASH numberSlot (DASH numberSlot (DASH numberSlot)?)?)?
    ;

repeat
    : STAR                                        # repeatStar
    | PLUS                                        # repeatPlus
    | QMARK                                       # repeatOptional
    | LBRACE DECIMAL RBRACE                       # repeatExactly
    | LBRACE DECIMAL COMMA DECIMAL? RBRACE        # repeatBetween
    ;

groupSlot
    : DECIMAL                                     # groupNumber
    | anySlot                                     # groupAny
    | LBRACK DECIMAL (PIPE DECIMAL)* RBRACK       # groupSet
    | LBRACE name RBRACE                          # groupSystem
    ;

letterSlot
    : letter                                      # letterExact
    | anySlot                                     # letterAny
    | LBRACK BANG? letter (PIPE letter)* RBRACK   # letterSet
    ;

letter : LETTER | CAP_A ;

elementSlot
    : element                                     # elementExact
    | elementChoice                               # elementSetSlot
    | anySlot                                     # elementAny
    | DOLLAR bindName (EQ elementConstraint)?     # elementBinding
    ;

elementConstraint
    : element                                     # constraintExact
    | elementChoice                               # constraintSet
    | anySlot                                     # constraintAny
    ;

elementChoice : LBRACK BANG? elementTerm (PIPE elementTerm)* RBRACK ;

elementTerm
    : element                                     # termElement
    | name                                        # termName
    ;

element : ELEMENT | CAP_A ;

numberSlot
    : number                                      # numberExact
    | anySlot                                     # numberAny
    | LBRACK number DOTDOT number RBRACK          # numberRange
    ;

number : DECIMAL | FRACTION ;

anySlot : QMARK | LBRACK QMARK RBRACK ;

/**
 * Class, let, query and prototype names: words joined by '-' (transition-metal). Statement
 * keywords may be used as words; query, let and import may not, so that a missing ']' or '}'
 * is reported where the next item starts.
 */
name : word (DASH word)* ;

word
    : IDENT | LETTER
    | PROTOTYPE | STRUCTURE | FORMULA | CONTAINS | ONLY | EXCLUDE | COUNT
    | ATOMS | SITES | PER | PRIMITIVE | CONVENTIONAL | CELL | SAMPLE | TEMPERATURE | SEED
    | FORMAT | OUTPUT
    ;

bindName : IDENT | LETTER | ELEMENT | CAP_A | END_X ;

// ---------------------------------------------------------------- .xtal files

item
    : IMPORT PROTOTYPE name (COMMA name)*         # importItem
    | LET name EQ elementChoice                   # letItem
    | QUERY name LBRACE statement* RBRACE         # queryItem
    ;

statement
    : STRUCTURE structure                         # structureStatement
    | FORMULA formulaPiece+                       # formulaStatement
    | CONTAINS elementList                        # containsStatement
    | ONLY elementList                            # onlyStatement
    | EXCLUDE elementList                         # excludeStatement
    | COUNT element comparison                    # countStatement
    | DISTINCT_ELEMENTS comparison                # distinctStatement
    | CHARGE_BALANCED                             # chargeStatement
    | SMACT_VALID                                 # smactStatement
    | ATOMS comparison (PER cellKind CELL)?       # atomsStatement
    | SITES comparison                            # sitesStatement
    | SAMPLE LBRACE sampleSetting* RBRACE         # sampleStatement
    | IDENT (DASH word)* unknownArgument*         # unknownStatement
    ;

structure
    : template                                    # structureTemplate
    | name (LPAREN argument (COMMA argument)* RPAREN)?  # structurePrototype
    ;

argument : bindName EQ elementConstraint ;

/** Written without spaces; read character by character by the AST builder (A2BB'O6, Cs2ZnFe(CN)6). */
formulaPiece : ELEMENT | CAP_A | END_X | IDENT | LETTER | DECIMAL | PRIME | LPAREN | RPAREN ;

elementList : elementListItem (COMMA elementListItem)* ;

elementListItem
    : element                                     # listElement
    | elementChoice                               # listChoice
    | name                                        # listName
    ;

comparison
    : (EQ | LE | GE | LT | GT)? number            # compareTo
    | number DOTDOT number                        # compareRange
    ;

cellKind : PRIMITIVE | CONVENTIONAL ;

sampleSetting
    : COUNT DECIMAL                               # sampleCount
    | TEMPERATURE number                          # sampleTemperature
    | TOP_P number                                # sampleTopP
    | SEED DECIMAL                                # sampleSeed
    | FORMAT word (COMMA word)*                   # sampleFormat
    | OUTPUT STRING                               # sampleOutput
    | IDENT (DASH word)? unknownArgument*         # sampleUnknown
    ;

unknownArgument : IDENT | ELEMENT | CAP_A | END_X | LETTER | DECIMAL | FRACTION | STRING | COMMA | DASH | DOTDOT | EQ | LE | GE | LT | GT | PRIME ;

// ---------------------------------------------------------------- tokens

QUERY : 'query' ;
LET : 'let' ;
IMPORT : 'import' ;
PROTOTYPE : 'prototype' ;
STRUCTURE : 'structure' ;
FORMULA : 'formula' ;
CONTAINS : 'contains' ;
ONLY : 'only' ;
EXCLUDE : 'exclude' ;
COUNT : 'count' ;
DISTINCT_ELEMENTS : 'distinct-elements' ;
CHARGE_BALANCED : 'charge-balanced' ;
SMACT_VALID : 'smact-valid' ;
ATOMS : 'atoms' ;
SITES : 'sites' ;
PER : 'per' ;
PRIMITIVE : 'primitive' ;
CONVENTIONAL : 'conventional' ;
CELL : 'cell' ;
SAMPLE : 'sample' ;
TEMPERATURE : 'temperature' ;
TOP_P : 'top-p' ;
SEED : 'seed' ;
FORMAT : 'format' ;
OUTPUT : 'output' ;

/** Ends the site list. Before ELEMENT so that a lone X is this token (Xe stays an element). */
END_X : 'X' ;
/** The 27th Wyckoff letter, and syntactically also an element symbol. */
CAP_A : 'A' ;

FRACTION : DIGITS '/' DIGITS ;
DECIMAL : DIGITS ('.' DIGITS)? ;
LETTER : [a-z] ;
ELEMENT : [A-Z] [a-z]? ;
IDENT : [a-zA-Z_] [a-zA-Z0-9_]* ;
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
/** A string that the end of the line cut off: one token, so the error names it once. */
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? ;

DASH : '-' ;
DOTDOT : '..' ;
QMARK : '?' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
PIPE : '|' ;
BANG : '!' ;
DOLLAR : '$' ;
EQ : '=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
COMMA : ',' ;
STAR : '*' ;
PLUS : '+' ;
PRIME : '\'' ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n\f]+ -> skip ;

/** Anything else, one character at a time, so the parser reports it with its position. */
UNKNOWN : . ;

fragment DIGITS : [0-9]+ ;
