package xtal.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import xtal.model.ModelConfig;
import xtal.model.TensorFlowNatives;
import xtal.models.nn.Network;
import xtal.models.nn.Placeholders;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Batch;
import xtal.models.seq.Encoded;
import xtal.models.seq.Encoder;
import xtal.models.train.Dataset;

/**
 * The gradients TensorFlow derives for the whole network agree with central finite differences of
 * the loss, for the entries with the largest gradient in every variable.
 */
class GradientCheckTest {
  @Test
  void gradientsMatchFiniteDifferences() throws Exception {
    TensorFlowNatives.load();
    List<Encoded> mini = Dataset.read(TrainerTest.data("crystals/mini.sentences.csv"), new Encoder(AutomatonMasks.unconstrained())).encoded();
    Batch batch = Batch.of(mini.subList(0, 3));
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholders ph = Placeholders.create(tf, "");
      Network net = new Network(tf, new ModelConfig(16, 2, 2, 2, 64, 0, 4, 2), 3, true);
      Operand<TFloat32> loss = tf.sum(net.nll(net.full(ph.inputs(), false), ph.targets()), tf.constant(new int[] {0, 1}));
      List<Variable<TFloat32>> vars = new ArrayList<>(net.parameters().values());
      var grads = tf.gradients(loss, vars);
      List<Placeholder<TFloat32>> values = new ArrayList<>();
      List<Op> assigns = new ArrayList<>();
      for (Variable<TFloat32> v : vars) {
        Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
        values.add(p);
        assigns.add(tf.assign(v, p));
      }
      // one op assigns every variable from its placeholder, so each run reuses one executor
      Op assignAll = tf.withControlDependencies(assigns).noOp();
      s.initialize();
      List<String> names = new ArrayList<>(net.parameters().keySet());
      float[][] w = new float[vars.size()][], grad = new float[vars.size()][];
      Session.Runner all = feed(s.runner(), ph, batch);
      for (Variable<TFloat32> v : vars) all.fetch(v);
      for (int i = 0; i < vars.size(); i++) all.fetch(grads.<TFloat32>dy(i));
      try (Result r = all.run()) {
        for (int i = 0; i < vars.size(); i++) {
          int n = (int) vars.get(i).shape().size();
          w[i] = XtalModel.floats((TFloat32) r.get(i), n);
          grad[i] = XtalModel.floats((TFloat32) r.get(vars.size() + i), n);
        }
      }
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        int best = 0;
        for (int j = 1; j < grad[i].length; j++) if (Math.abs(grad[i][j]) > Math.abs(grad[i][best])) best = j;
        if (Math.abs(grad[i][best]) < 1e-3) continue; // e.g. embedding rows no input uses
        float h = 1e-2f;
        double[] l = new double[2];
        for (int sgn = 0; sgn < 2; sgn++) {
          float[][] w2 = w.clone();
          w2[i] = w[i].clone();
          w2[i][best] += sgn == 0 ? h : -h;
          setAll(s, assignAll, values, w2, vars);
          try (Result r = feed(s.runner(), ph, batch).fetch(loss).run()) {
            l[sgn] = XtalModel.floats((TFloat32) r.get(0), 1)[0];
          }
        }
        double fd = (l[0] - l[1]) / (2 * h);
        if (Math.abs(fd - grad[i][best]) > 0.05 * Math.abs(grad[i][best]) + 2e-3)
          wrong.add(names.get(i) + "[" + best + "] analytic " + grad[i][best] + " numeric " + fd);
      }
      assertThat(wrong).isEmpty();
    }
  }

  static void setAll(Session s, Op assignAll, List<Placeholder<TFloat32>> ps, float[][] w, List<Variable<TFloat32>> vars) {
    List<TFloat32> owned = new ArrayList<>();
    try {
      Session.Runner r = s.runner();
      for (int i = 0; i < ps.size(); i++) {
        TFloat32 t = TFloat32.tensorOf(vars.get(i).shape(), DataBuffers.of(w[i]));
        owned.add(t);
        r.feed(ps.get(i), t);
      }
      r.addTarget(assignAll).run().close();
    } finally {
      owned.forEach(TFloat32::close);
    }
  }

  static Session.Runner feed(Session.Runner r, Placeholders ph, Batch b) {
    for (String n : Batch.FORWARD_INPUTS) r.feed(ph.byName(n), b.tensor(n));
    for (String n : Batch.TARGET_INPUTS) r.feed(ph.byName(n), b.tensor(n));
    return r;
  }

}
