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
        for (int i = 0; i < n; i++) {
            counts[values[i]]++;
        }
    }
    // EVOLVE-BLOCK-END
}
