/** xtal models (see the module's pom.xml for what it holds). */
package xtal.models;
