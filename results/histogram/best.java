import dev.evolve.kernels.histogram.HistogramKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Counts of n int values in [0, bins) into bins counters. */
public final class Histogram implements HistogramKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void histogram(int[] values, int[] counts, int n, int bins) {
        for (int b = 0; b < bins; b++) {
            counts[b] = 0;
        }
        int[][] countsParts = new int[16][];
        IntStream.range(0, 16).parallel().forEach(task -> {
            int[] countsPart = new int[counts.length];
            int iFrom = (int) ((long) n * task / 16);
            int iTo = (int) ((long) n * (task + 1) / 16);
            for (int i = iFrom; i < iTo; i++) {
                countsPart[values[i]]++;
            }
            countsParts[task] = countsPart;
        });
        for (int[] countsPartial : countsParts) {
            for (int b2 = 0; b2 < counts.length; b2++) {
                counts[b2] += countsPartial[b2];
            }
        }
    }
    // EVOLVE-BLOCK-END
}
