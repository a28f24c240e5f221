/** The transformer in TensorFlow Java graph mode: layers, heads, the loss, the incremental step. */
package xtal.models.nn;
