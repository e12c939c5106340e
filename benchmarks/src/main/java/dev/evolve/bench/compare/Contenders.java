package dev.evolve.bench.compare;

import dev.evolve.kernels.KernelTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a target is compared with, by variant name:
 * <ul>
 * <li>{@code seed}: the target's seed;</li>
 * <li>{@code evolved}: the committed winner {@code <results>/<target>/best.java};</li>
 * <li>{@code reference-<folder>}: {@code <results>/reference/<folder>/best.java} when that folder's
 *     {@code summary.json} names the target (committed reference runs);</li>
 * <li>the library baselines of {@link LibraryBaselines}.</li>
 * </ul>
 * Sources are compiled when a contender is opened, so a new winner needs no code change.
 */
final class Contenders {

    static final String SEED = "seed";
    static final String EVOLVED = "evolved";
    static final String REFERENCE_PREFIX = "reference-";

    private static final Pattern TARGET_FIELD = Pattern.compile("\"target\"\\s*:\\s*\"([^\"]*)\"");

    /** A kernel ready to run, and what to release after the trial. */
    record Contender(String variant, String origin, Object kernel, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (resources != null) {
                resources.close();
            }
        }
    }

    private Contenders() {
    }

    /** The variants available for a target under {@code results}: seed, winners, then baselines. */
    static List<String> variants(KernelTarget target, Path results) {
        List<String> out = new ArrayList<>();
        out.add(SEED);
        if (Files.isRegularFile(evolvedSource(target, results))) {
            out.add(EVOLVED);
        }
        references(target, results).forEach(folder -> out.add(REFERENCE_PREFIX + folder.getFileName()));
        LibraryBaselines.of(target.name()).forEach(b -> out.add(b.variant()));
        return out;
    }

    /** The committed winner of a target: {@code <results>/<target>/best.java}. */
    static Path evolvedSource(KernelTarget target, Path results) {
        return results.resolve(target.name()).resolve("best.java");
    }

    /** Opens (compiles, or instantiates) the named variant of a target. */
    static Contender open(KernelTarget target, String variant, Path results) {
        if (variant.equals(SEED)) {
            return fromSource(target, variant, target.seedSource(), "the seed of " + target.name());
        }
        if (variant.equals(EVOLVED)) {
            return fromFile(target, variant, evolvedSource(target, results));
        }
        if (variant.startsWith(REFERENCE_PREFIX)) {
            String folder = variant.substring(REFERENCE_PREFIX.length());
            Path dir = results.resolve("reference").resolve(folder);
            if (folder.isEmpty() || folder.contains("/") || !references(target, results).contains(dir)) {
                throw new IllegalArgumentException("no reference run '" + folder + "' of target " + target.name()
                        + " under " + results.resolve("reference"));
            }
            return fromFile(target, variant, dir.resolve("best.java"));
        }
        return LibraryBaselines.find(target.name(), variant)
                .map(b -> new Contender(variant, b.call(), b.kernel().get(), null))
                .orElseThrow(() -> new IllegalArgumentException("unknown variant '" + variant + "' of target "
                        + target.name() + "; available under " + results + ": " + variants(target, results)));
    }

    private static Contender fromFile(KernelTarget target, String variant, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("variant " + variant + " of " + target.name() + ": no file " + file);
        }
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return fromSource(target, variant, source, file.toString());
    }

    private static Contender fromSource(KernelTarget target, String variant, String source, String origin) {
        SourceKernel compiled = SourceKernel.compile(target, source, origin);
        return new Contender(variant, origin, compiled.kernel(), compiled);
    }

    /** Folders {@code <results>/reference/*} with a best.java whose summary.json names the target, sorted. */
    static List<Path> references(KernelTarget target, Path results) {
        Path root = results.resolve("reference");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(d -> Files.isRegularFile(d.resolve("best.java")))
                    .filter(d -> summaryTarget(d.resolve("summary.json")).filter(target.name()::equals).isPresent())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** The {@code "target"} of a run's summary.json, when the file exists and has one. */
    private static Optional<String> summaryTarget(Path summary) {
        if (!Files.isRegularFile(summary)) {
            return Optional.empty();
        }
        try {
            Matcher m = TARGET_FIELD.matcher(Files.readString(summary, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary, e);
        }
    }
}
