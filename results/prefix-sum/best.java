import dev.evolve.kernels.prefixsum.PrefixSumKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Inclusive prefix sum of a double vector of length n. */
public final class PrefixSum implements PrefixSumKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void scan(double[] x, double[] out, int n) {
        double sum = 0.0;
        int iFirst = 0;
        int iEnd = n;
        int sumBlocks = (int) Math.max(0L, ((long) iEnd - iFirst + 16383) / 16384);
        double[] sumTotals = new double[sumBlocks];
        double[] sumPrefix = new double[sumBlocks];
        java.util.concurrent.atomic.AtomicInteger[] sumState = new java.util.concurrent.atomic.AtomicInteger[sumBlocks];
        for (int k = 0; k < sumBlocks; k++) {
            sumState[k] = new java.util.concurrent.atomic.AtomicInteger();
        }
        java.util.concurrent.atomic.AtomicInteger sumClaimed = new java.util.concurrent.atomic.AtomicInteger();
        double sumStart = sum;
        IntStream.range(0, Math.min(sumBlocks, 8)).parallel().forEach(task -> {
            for (int block = sumClaimed.getAndIncrement(); block < sumBlocks; block = sumClaimed.getAndIncrement()) {
                int iFrom = (int) (iFirst + (long) block * 16384);
                int iTo = (int) Math.min((long) iFrom + 16384, iEnd);
                int iQuarter = (iTo - iFrom) / 4;
                double sumPart0 = 0.0;
                double sumPart1 = 0.0;
                double sumPart2 = 0.0;
                double sumPart3 = 0.0;
                int iVec = iFrom + SPECIES.loopBound(iQuarter);
                DoubleVector sumPart0Lanes = DoubleVector.zero(SPECIES);
                DoubleVector sumPart1Lanes = DoubleVector.zero(SPECIES);
                DoubleVector sumPart2Lanes = DoubleVector.zero(SPECIES);
                DoubleVector sumPart3Lanes = DoubleVector.zero(SPECIES);
                int t2IQuarter = 2 * iQuarter;
                int t3IQuarter = 3 * iQuarter;
                for (int i = iFrom; i < iVec; i += SPECIES.length()) {
                    sumPart0Lanes = sumPart0Lanes.add(DoubleVector.fromArray(SPECIES, x, i));
                    sumPart1Lanes = sumPart1Lanes.add(DoubleVector.fromArray(SPECIES, x, i + iQuarter));
                    sumPart2Lanes = sumPart2Lanes.add(DoubleVector.fromArray(SPECIES, x, i + t2IQuarter));
                    sumPart3Lanes = sumPart3Lanes.add(DoubleVector.fromArray(SPECIES, x, i + t3IQuarter));
                }
                sumPart0 += sumPart0Lanes.reduceLanes(VectorOperators.ADD);
                sumPart1 += sumPart1Lanes.reduceLanes(VectorOperators.ADD);
                sumPart2 += sumPart2Lanes.reduceLanes(VectorOperators.ADD);
                sumPart3 += sumPart3Lanes.reduceLanes(VectorOperators.ADD);
                for (int i = iVec; i < iFrom + iQuarter; i++) {
                    sumPart0 += x[i];
                    sumPart1 += x[(i + iQuarter)];
                    sumPart2 += x[(i + t2IQuarter)];
                    sumPart3 += x[(i + t3IQuarter)];
                }
                double sumPart32 = 0.0;
                int iSplit = (iFrom + 4 * iQuarter) + (iTo - (iFrom + 4 * iQuarter)) / 2 * 2;
                for (int i = iFrom + 4 * iQuarter; i < iSplit; i += 2) {
                    sumPart3 += x[i];
                    sumPart32 += x[(i + 1)];
                }
                int iVec2 = (iSplit) + SPECIES.loopBound(iTo - (iSplit));
                DoubleVector sumPart3Lanes2 = DoubleVector.zero(SPECIES);
                DoubleVector sumPart3Lanes22 = DoubleVector.zero(SPECIES);
                DoubleVector sumPart3Lanes23 = DoubleVector.zero(SPECIES);
                DoubleVector sumPart3Lanes24 = DoubleVector.zero(SPECIES);
                int iSplit3 = iSplit + (iVec2 - iSplit) / (4 * SPECIES.length()) * (4 * SPECIES.length());
                for (int i = iSplit; i < iSplit3; i += 4 * SPECIES.length()) {
                    sumPart3Lanes2 = sumPart3Lanes2.add(DoubleVector.fromArray(SPECIES, x, i));
                    sumPart3Lanes22 = sumPart3Lanes22.add(DoubleVector.fromArray(SPECIES, x, (i + (SPECIES.length()))));
                    sumPart3Lanes23 = sumPart3Lanes23.add(DoubleVector.fromArray(SPECIES, x, (i + (2 * SPECIES.length()))));
                    sumPart3Lanes24 = sumPart3Lanes24.add(DoubleVector.fromArray(SPECIES, x, (i + (3 * SPECIES.length()))));
                }
                for (int i = iSplit3; i < iVec2; i += SPECIES.length()) {
                    sumPart3Lanes2 = sumPart3Lanes2.add(DoubleVector.fromArray(SPECIES, x, i));
                }
                sumPart3Lanes2 = sumPart3Lanes2.add(sumPart3Lanes22).add(sumPart3Lanes23).add(sumPart3Lanes24);
                sumPart3 += sumPart3Lanes2.reduceLanes(VectorOperators.ADD);
                for (int i = iVec2; i < iTo; i++) {
                    sumPart3 += x[i];
                }
                sumPart3 += sumPart32;
                sumTotals[block] = sumPart0 + sumPart1 + sumPart2 + sumPart3;
                sumState[block].set(1);
                double sumBefore = 0.0;
                int back = block - 1;
                for (; back >= 0; back--) {
                    int seen = sumState[back].get();
                    for (int spin = 0; seen < 2 && spin < 1024; spin++) {
                        Thread.onSpinWait();
                        seen = sumState[back].get();
                    }
                    if (seen == 2) {
                        sumBefore += sumPrefix[back];
                        break;
                    }
                    if (seen == 1) {
                        sumBefore += sumTotals[back];
                    } else {
                        int iBackFrom = (int) (iFirst + (long) back * 16384);
                        int iBackTo = iBackFrom + 16384;
                        double sumBack = 0.0;
                        double sumBack2 = 0.0;
                        int iSplit2 = iBackFrom + (iBackTo - iBackFrom) / 2 * 2;
                        for (int i = iBackFrom; i < iSplit2; i += 2) {
                            sumBack += x[i];
                            sumBack2 += x[(i + 1)];
                        }
                        int iVec3 = (iSplit2) + SPECIES.loopBound(iBackTo - (iSplit2));
                        DoubleVector sumBackLanes = DoubleVector.zero(SPECIES);
                        DoubleVector sumBackLanes2 = DoubleVector.zero(SPECIES);
                        DoubleVector sumBackLanes3 = DoubleVector.zero(SPECIES);
                        DoubleVector sumBackLanes4 = DoubleVector.zero(SPECIES);
                        int iSplit4 = iSplit2 + (iVec3 - iSplit2) / (4 * SPECIES.length()) * (4 * SPECIES.length());
                        for (int i = iSplit2; i < iSplit4; i += 4 * SPECIES.length()) {
                            sumBackLanes = sumBackLanes.add(DoubleVector.fromArray(SPECIES, x, i));
                            sumBackLanes2 = sumBackLanes2.add(DoubleVector.fromArray(SPECIES, x, (i + (SPECIES.length()))));
                            sumBackLanes3 = sumBackLanes3.add(DoubleVector.fromArray(SPECIES, x, (i + (2 * SPECIES.length()))));
                            sumBackLanes4 = sumBackLanes4.add(DoubleVector.fromArray(SPECIES, x, (i + (3 * SPECIES.length()))));
                        }
                        for (int i = iSplit4; i < iVec3; i += SPECIES.length()) {
                            sumBackLanes = sumBackLanes.add(DoubleVector.fromArray(SPECIES, x, i));
                        }
                        sumBackLanes = sumBackLanes.add(sumBackLanes2).add(sumBackLanes3).add(sumBackLanes4);
                        sumBack += sumBackLanes.reduceLanes(VectorOperators.ADD);
                        for (int i = iVec3; i < iBackTo; i++) {
                            sumBack += x[i];
                        }
                        sumBack += sumBack2;
                        sumBefore += sumBack;
                    }
                }
                if (back < 0) {
                    sumBefore += sumStart;
                }
                sumPrefix[block] = sumBefore + sumTotals[block];
                sumState[block].set(2);
                double sumRun0 = sumBefore;
                double sumRun1 = sumRun0 + sumPart0;
                double sumRun2 = sumRun1 + sumPart1;
                double sumRun3 = sumRun2 + sumPart2;
                for (int i = iFrom; i < iFrom + iQuarter; i++) {
                    sumRun0 += x[i];
                    out[i] = sumRun0;
                    sumRun1 += x[(i + iQuarter)];
                    out[(i + iQuarter)] = sumRun1;
                    sumRun2 += x[(i + t2IQuarter)];
                    out[(i + t2IQuarter)] = sumRun2;
                    sumRun3 += x[(i + t3IQuarter)];
                    out[(i + t3IQuarter)] = sumRun3;
                }
                for (int i = iFrom + 4 * iQuarter; i < iTo; i++) {
                    sumRun3 += x[i];
                    out[i] = sumRun3;
                }
            }
        });
        if (sumBlocks > 0) {
            sum = sumPrefix[sumBlocks - 1];
        }
    }
    // EVOLVE-BLOCK-END
}
