package dev.evolve.bench.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Limits measured on one machine, as written by {@link LimitsBenchmark}: tab-separated, lines starting with
 * {@code #} are comments (where and how they were measured), then a header and one line per figure.
 *
 * <pre>
 * # evolve machine limits: 2 cores, AMD EPYC, JDK 25, 2026-12-07T02:40:00Z
 * name	threads	value	unit	detail
 * stream-triad	2	32.2	GB/s	a[i] = b[i] + s * c[i], 3 arrays of 256 MiB, best of 5
 * dgemm-512	2		GFLOP/s	not installed: no cblas.h (libopenblas-dev)
 * </pre>
 * A figure without a value was not measured; its detail says why.
 *
 * @param comments the comment lines, without their {@code #}
 * @param figures  the figures in file order
 */
public record MachineLimits(List<String> comments, List<Figure> figures) {

    /** The header line of the file. */
    public static final String HEADER = "name\tthreads\tvalue\tunit\tdetail";

    public MachineLimits {
        comments = List.copyOf(comments);
        figures = List.copyOf(figures);
    }

    /** No limits: every share shows as unknown. */
    public static MachineLimits none() {
        return new MachineLimits(List.of(), List.of());
    }

    /**
     * One figure.
     *
     * @param name    e.g. {@code stream-read}, {@code fma-f64}, {@code exp-f64}, {@code dgemm-512}
     * @param threads how many threads ran it
     * @param value   the rate in {@code unit}, NaN when not measured
     * @param unit    {@code GB/s}, {@code GFLOP/s} or {@code Gexp/s}
     * @param detail  how it was measured, or why it was not
     */
    public record Figure(String name, int threads, double value, String unit, String detail) {
        public Figure {
            requireField(name, "name");
            requireField(unit, "unit");
            detail = detail == null ? "" : detail.replace('\t', ' ').replace('\n', ' ');
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + threads + " (" + name + ")");
            }
            if (!Double.isNaN(value) && !(value > 0 && Double.isFinite(value))) {
                throw new IllegalArgumentException("a measured value must be finite and > 0: " + value + " (" + name + ")");
            }
        }

        public boolean measured() {
            return !Double.isNaN(value);
        }

        private static void requireField(String s, String what) {
            if (s == null || s.isBlank() || s.contains("\t") || s.contains("\n")) {
                throw new IllegalArgumentException(what + " must be non-blank without tabs or line breaks: '" + s + "'");
            }
        }
    }

    /** The name of the GEMM figure of a routine ({@code dgemm}, {@code sgemm}) at order n. */
    public static String gemmName(String routine, int n) {
        return routine + "-" + n;
    }

    /**
     * The figure a limit uses: of those with this name and a value, the highest, whatever its thread count
     * (the kernels may use any number of threads, and on a loaded machine all threads can measure lower than
     * one); empty when none was measured.
     */
    public Optional<Figure> best(String name) {
        return figures.stream().filter(f -> f.name().equals(name) && f.measured())
                .max(Comparator.comparingDouble(Figure::value));
    }

    /** Every figure with this name (measured or not), e.g. to say why one is missing. */
    public List<Figure> all(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).toList();
    }

    /** The file's text. */
    public String format() {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("# ").append(c.replace('\n', ' ')).append('\n'));
        out.append(HEADER).append('\n');
        for (Figure f : figures) {
            out.append(f.name()).append('\t').append(f.threads()).append('\t')
                    .append(f.measured() ? String.format(Locale.ROOT, "%.4g", f.value()) : "").append('\t')
                    .append(f.unit()).append('\t').append(f.detail()).append('\n');
        }
        return out.toString();
    }

    /** Writes {@link #format()} to {@code file} (through a temporary file beside it, then moved into place). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, format(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a limits file.
     *
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException naming the file and line when it is not a limits file
     */
    public static MachineLimits read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a limits file's text; {@code source} names it in messages. */
    public static MachineLimits parse(String text, String source) {
        List<String> comments = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        boolean header = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = source + ":" + (i + 1);
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            if (!header) {
                if (!line.strip().equals(HEADER)) {
                    throw new IllegalArgumentException(where + ": expected the header '" + HEADER.replace("\t", "\\t")
                            + "', not '" + line + "'");
                }
                header = true;
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length < 4 || cells.length > 5) {
                throw new IllegalArgumentException(where + ": expected name, threads, value, unit and detail"
                        + " separated by tabs, not '" + line + "'");
            }
            int threads;
            double value;
            try {
                threads = Integer.parseInt(cells[1].strip());
                value = cells[2].isBlank() ? Double.NaN : Double.parseDouble(cells[2].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": threads and value must be numbers: '" + line + "'");
            }
            try {
                figures.add(new Figure(cells[0].strip(), threads, value, cells[3].strip(), cells.length > 4 ? cells[4] : ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        if (!header) {
            throw new IllegalArgumentException(source + ": not a limits file (no header line '"
                    + HEADER.replace("\t", "\\t") + "')");
        }
        return new MachineLimits(comments, figures);
    }
}
