/** xtal compiler (see the module's pom.xml for what it holds). */
package xtal.compiler;
