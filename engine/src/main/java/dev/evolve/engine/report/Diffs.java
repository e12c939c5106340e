package dev.evolve.engine.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** Line-based unified diffs of program sources (java-diff-utils, Myers). */
public final class Diffs {

    /** Lines of context around each change. */
    public static final int CONTEXT = 3;

    private Diffs() {
    }

    /**
     * The unified diff of {@code revised} against {@code original}, with {@code ---}/{@code +++} headers naming
     * the two; empty when the texts have the same lines.
     */
    public static List<String> unified(String originalName, String original, String revisedName, String revised) {
        List<String> a = original.lines().toList();
        List<String> b = revised.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff(originalName, revisedName, a, patch, CONTEXT);
    }
}
