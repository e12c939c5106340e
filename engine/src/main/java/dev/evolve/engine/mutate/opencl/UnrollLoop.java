package dev.evolve.engine.mutate.opencl;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unrolling: puts {@code #pragma unroll FACTOR} before every loop over the reduction index (a
 * {@code for} that declares {@code int k} or {@code int j}, the names the seeds use for the
 * summed-over index), or changes the factor of one already there. Knob = the factor.
 */
final class UnrollLoop extends OpenClRewrite {

    private static final Pattern LOOP = Pattern.compile("(?m)^([ \\t]*)for\\s*\\(\\s*int\\s+(k|j)\\s*=");
    private static final Pattern PRAGMA = Pattern.compile("^[ \\t]*#\\s*pragma\\s+unroll\\b.*$");

    UnrollLoop() {
        super("unroll", "#pragma unroll FACTOR on the loops over the summed-over index (k in matmul, j in matvec)",
                List.of(2, 4, 8, 16));
    }

    @Override
    Optional<String> rewriteBody(String body, int knob) {
        String[] lines = body.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher loop = LOOP.matcher(lines[i]);
            if (loop.find()) {
                any = true;
                String pragma = loop.group(1) + "#pragma unroll " + knob;
                int last = out.lastIndexOf("\n", out.length() - 2) + 1;
                String previous = i == 0 ? "" : lines[i - 1];
                if (PRAGMA.matcher(previous).matches()) {
                    out.setLength(last);   // replace the loop's existing pragma
                }
                out.append(pragma).append('\n');
            }
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return any ? Optional.of(out.toString()) : Optional.empty();
    }
}
