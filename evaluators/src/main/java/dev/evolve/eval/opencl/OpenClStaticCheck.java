package dev.evolve.eval.opencl;

import static dev.evolve.eval.statics.SourceLines.lineOf;

import dev.evolve.eval.statics.BlockIntegrity;
import dev.evolve.kernels.opencl.Knobs;
import dev.evolve.kernels.opencl.OpenClTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine-side checks of an OpenCL C variant, before any worker sees it: the seed's frame
 * outside the evolve block, no directive that reads files ({@code #include} would put a file's
 * contents into the build log, which goes back to a mutator), no {@code printf} (device output
 * goes to the worker's standard output, which carries the protocol), a bounded size, and host
 * knobs the host can launch with.
 */
public final class OpenClStaticCheck {

    /** Longer sources are refused: a kernel is a page or two, and the compiler's time is not free. */
    public static final int MAX_SOURCE_CHARS = 64 * 1024;

    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*(include|import|embed)\\b.*$", Pattern.MULTILINE);
    private static final Pattern PRINTF = Pattern.compile("\\bprintf\\s*\\(");

    private OpenClStaticCheck() {
    }

    /** Every reason to refuse {@code source}; empty when it may be built. */
    public static List<String> violations(OpenClTarget target, String source) {
        if (source.length() > MAX_SOURCE_CHARS) {
            return List.of("the source has " + source.length() + " characters; at most " + MAX_SOURCE_CHARS
                    + " are accepted");
        }
        List<String> out = new ArrayList<>(BlockIntegrity.violations(target.seedSource(), source));
        if (!out.isEmpty()) {
            return out;
        }
        Matcher include = INCLUDE.matcher(source);
        while (include.find()) {
            out.add("line " + lineOf(source, include.start()) + ": #" + include.group(1)
                    + " is not allowed: a kernel is one self-contained file");
        }
        Matcher printf = PRINTF.matcher(source);
        if (printf.find()) {
            out.add("line " + lineOf(source, printf.start()) + ": printf is not allowed: device output would mix with "
                    + "the evaluator's own channel");
        }
        out.addAll(target.knobProblems(Knobs.parse(source)));
        return out;
    }
}
