import dev.evolve.kernels.softmax.SoftmaxKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Row-wise softmax of an n x n row-major matrix, stabilised by the row maximum. */
public final class Softmax implements SoftmaxKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void softmax(double[] x, double[] out, int n) {
        IntStream.range(0, n).parallel().forEach(i -> {
            double max = Double.NEGATIVE_INFINITY;
            int jCount = Math.max(0, n);
            int jVec = SPECIES.loopBound(jCount);
            if (jVec > 0) {
                DoubleVector maxAcc = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
                for (int j = 0; j < jVec; j += SPECIES.length()) {
                    maxAcc = maxAcc.max(DoubleVector.fromArray(SPECIES, x, i * n + j));
                }
                max = Math.max(max, maxAcc.reduceLanes(VectorOperators.MAX));
            }
            for (int j = jVec; j < n; j++) {
                max = Math.max(max, x[i * n + j]);
            }
            double sum = 0.0;
            int jCount2 = Math.max(0, n);
            int jVec2 = SPECIES.loopBound(jCount2);
            if (jVec2 > 0) {
                DoubleVector maxV = DoubleVector.broadcast(SPECIES, (double) (max));
                DoubleVector sumAcc = DoubleVector.zero(SPECIES);
                for (int j = 0; j < jVec2; j += SPECIES.length()) {
                    DoubleVector expValueV = DoubleVector.fromArray(SPECIES, x, i * n + j).sub(maxV).lanewise(VectorOperators.EXP);
                    expValueV.intoArray(out, i * n + j);
                    sumAcc = sumAcc.add(expValueV);
                }
                sum += sumAcc.reduceLanes(VectorOperators.ADD);
            }
            for (int j = jVec2; j < n; j++) {
                double expValue = Math.exp(x[i * n + j] - max);
                out[i * n + j] = expValue;
                sum += expValue;
            }
            double sumInv = 1.0 / sum;
            int jCount3 = Math.max(0, n);
            int jVec3 = SPECIES.loopBound(jCount3);
            if (jVec3 > 0) {
                DoubleVector sumInvV = DoubleVector.broadcast(SPECIES, (double) (sumInv));
                for (int j = 0; j < jVec3; j += SPECIES.length()) {
                    DoubleVector.fromArray(SPECIES, out, i * n + j).mul(sumInvV).intoArray(out, i * n + j);
                }
            }
            for (int j = jVec3; j < n; j++) {
                out[i * n + j] = out[i * n + j] * sumInv;
            }
        });
    }
    // EVOLVE-BLOCK-END
}
