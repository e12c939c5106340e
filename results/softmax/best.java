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
        IntStream.range(0, (n + 15) / 16).parallel().forEach(iChunk -> {
            int iFrom = iChunk * 16;
            int iTo = Math.min(n, iFrom + 16);
            IntStream.range(iFrom, iTo).parallel().forEach(i -> {
                double max = Double.NEGATIVE_INFINITY;
                int iN = i * n;
                for (int jT = 0; jT < n; jT += 32) {
                    int jVec = (jT) + SPECIES.loopBound((Math.min(jT + 32, n)) - (jT));
                    DoubleVector maxLanes = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
                    for (int j = jT; j < jVec; j += SPECIES.length()) {
                        maxLanes = maxLanes.max(DoubleVector.fromArray(SPECIES, x, iN + j));
                    }
                    max = Math.max(max, maxLanes.reduceLanes(VectorOperators.MAX));
                    for (int j = jVec; j < Math.min(jT + 32, n); j++) {
                        max = Math.max(max, x[iN + j]);
                    }
                }
                double sum = 0.0;
                DoubleVector maxV = DoubleVector.broadcast(SPECIES, max);
                int jVec2 = SPECIES.loopBound(n);
                DoubleVector sumLanes = DoubleVector.zero(SPECIES);
                for (int j = 0; j < jVec2; j += SPECIES.length()) {
                    DoubleVector expValueV = DoubleVector.fromArray(SPECIES, x, iN + j).sub(maxV).lanewise(VectorOperators.EXP);
                    expValueV.intoArray(out, iN + j);
                    sumLanes = sumLanes.add(expValueV);
                }
                sum += sumLanes.reduceLanes(VectorOperators.ADD);
                for (int jT2 = jVec2; jT2 < n; jT2 += 256) {
                    for (int j = jT2; j < Math.min(jT2 + 256, n); j++) {
                        double expValue = Math.exp(x[iN + j] - max);
                        out[iN + j] = expValue;
                        sum += expValue;
                    }
                }
                double sumInv = 1.0 / sum;
                DoubleVector sumInvV = DoubleVector.broadcast(SPECIES, sumInv);
                int jVec3 = SPECIES.loopBound(n);
                for (int j = 0; j < jVec3; j += SPECIES.length()) {
                    DoubleVector.fromArray(SPECIES, out, iN + j).mul(sumInvV).intoArray(out, iN + j);
                }
                for (int j = jVec3; j < n; j++) {
                    out[iN + j] = out[iN + j] * sumInv;
                }
            });
        });
    }
    // EVOLVE-BLOCK-END
}
