/** JMH benchmarks of xtal; run with {@code java -jar bench/target/benchmarks.jar}. */
package xtal.bench;
