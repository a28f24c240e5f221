/** The standard library: space groups, Wyckoff positions, elements, prototypes. */
package xtal.stdlib;
