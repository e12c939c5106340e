import dev.evolve.kernels.histogram.HistogramKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Counts of n int values in [0, bins) into bins counters. */
public final class Histogram implements HistogramKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;

    @Override
    public void histogram(int[] values, int[] counts, int n, int bins) {
        int bCount = Math.max(0, bins);
        int bVec = SPECIES.loopBound(bCount);
        if (bVec > 0) {
            IntVector zeroV = IntVector.broadcast(SPECIES, (int) (0));
            IntStream.range(0, ((bVec + (SPECIES.length()) - 1) / (SPECIES.length()))).parallel().forEach(bTask -> {
                IntVector zeroVIn = IntVector.broadcast(SPECIES, (int) (0));
                int b = bTask * (SPECIES.length());
                zeroVIn.intoArray(counts, b);
            });
        }
        IntStream.range(0, ((bins - bVec) + 63) / 64).parallel().forEach(bChunk -> {
            int bFrom = bVec + bChunk * 64;
            int bTo = Math.min(bins, bFrom + 64);
            int bCount2 = Math.max(0, bTo - bFrom);
            int bVec2 = bFrom + SPECIES.loopBound(bCount2);
            if (bVec2 > bFrom) {
                IntVector zeroV2 = IntVector.broadcast(SPECIES, (int) (0));
                int bWide = bFrom + bCount2 / (4 * SPECIES.length()) * (4 * SPECIES.length());
                for (int b = bFrom; b < bWide; b += (4 * SPECIES.length())) {
                    zeroV2.intoArray(counts, b);
                    zeroV2.intoArray(counts, b + 1 * SPECIES.length());
                    zeroV2.intoArray(counts, b + 2 * SPECIES.length());
                    zeroV2.intoArray(counts, b + 3 * SPECIES.length());
                }
                for (int b = bWide; b < bVec2; b += SPECIES.length()) {
                    zeroV2.intoArray(counts, b);
                }
            }
            for (int b = bVec2; b < bTo; b++) {
                counts[b] = 0;
            }
        });
        int[][] countsParts = new int[64][];
        IntStream.range(0, 64).parallel().forEach(task -> {
            int[] countsPart = new int[counts.length];
            int iFrom = (int) ((long) n * task / 64);
            int iTo = (int) ((long) n * (task + 1) / 64);
            for (int i = iFrom; i < iTo; i++) {
                countsPart[values[i]]++;
            }
            countsParts[task] = countsPart;
        });
        for (int[] countsPartial : countsParts) {
            int b2Unrolled = (counts.length) - (counts.length) % 4;
            IntStream.range(0, ((b2Unrolled + 3) / 4)).parallel().forEach(b2Task -> {
                int b2 = b2Task * 4;
                counts[b2] += countsPartial[b2];
                counts[(b2 + 1)] += countsPartial[(b2 + 1)];
                counts[(b2 + 2)] += countsPartial[(b2 + 2)];
                counts[(b2 + 3)] += countsPartial[(b2 + 3)];
            });
            for (int b2 = b2Unrolled; b2 < counts.length; b2++) {
                counts[b2] += countsPartial[b2];
            }
        }
    }
    // EVOLVE-BLOCK-END
}
