package dev.evolve.engine.mutate.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a prompt tells the model about the machine. Computed by the caller: the engine JVM runs without
 * {@code jdk.incubator.vector}, so the preferred vector width is read from the CPU flags rather than from
 * {@code DoubleVector.SPECIES_PREFERRED}.
 *
 * @param cores               processors available to a worker
 * @param vectorBitsPreferred preferred SIMD width in bits: 128, 256 or 512
 */
public record HardwareFacts(int cores, int vectorBitsPreferred) {

    private static final Set<Integer> WIDTHS = Set.of(128, 256, 512);

    public HardwareFacts {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
        if (!WIDTHS.contains(vectorBitsPreferred)) {
            throw new IllegalArgumentException("vectorBitsPreferred must be 128, 256 or 512, was " + vectorBitsPreferred);
        }
    }

    /** Doubles per preferred vector. */
    public int doublesPerVector() {
        return vectorBitsPreferred / Double.SIZE;
    }

    /**
     * This machine: {@link Runtime#availableProcessors()} cores and the width read from {@code /proc/cpuinfo}
     * (128 bits where that file is missing or unreadable, as on non-Linux systems).
     */
    public static HardwareFacts detect() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        String text;
        try {
            text = Files.isReadable(cpuinfo) ? Files.readString(cpuinfo) : "";
        } catch (IOException | UncheckedIOException e) {
            text = ""; // a machine whose flags we cannot read is described conservatively
        }
        return new HardwareFacts(Runtime.getRuntime().availableProcessors(), vectorBitsFromCpuInfo(text));
    }

    /**
     * The preferred width from the text of {@code /proc/cpuinfo}: {@code avx512f} gives 512, {@code avx2} 256,
     * anything else 128. Only the first {@code flags} line is read; all cores of one machine share it.
     */
    public static int vectorBitsFromCpuInfo(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equals("flags")) {
                continue;
            }
            Set<String> flags = Set.of(line.substring(colon + 1).trim().split("\\s+"));
            if (flags.contains("avx512f")) {
                return 512;
            }
            return flags.contains("avx2") ? 256 : 128;
        }
        return 128;
    }
}
