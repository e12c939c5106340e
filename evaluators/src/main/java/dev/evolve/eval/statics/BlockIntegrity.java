package dev.evolve.eval.statics;

import dev.evolve.kernels.EvolveBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks that a variant keeps the evolve markers exactly once each and leaves every line
 * outside the block as the seed has it. Only trailing whitespace and line endings may differ:
 * an edited import, class header or closing brace is a rejection, not a tolerated drift.
 * Plain text, so it serves every variant language (Java, OpenCL C).
 */
public final class BlockIntegrity {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private BlockIntegrity() {
    }

    /** Why {@code variant} breaks the evolve block of {@code seed}, each reason with its line; empty when it keeps it. */
    public static List<String> violations(String seed, String variant) {
        Optional<EvolveBlock> seedBlock = EvolveBlock.of(seed);
        if (seedBlock.isEmpty()) {
            throw new IllegalStateException("the target's seed has no well-formed evolve block");
        }
        String normalized = normalizeLineEndings(variant);
        Optional<EvolveBlock> block = EvolveBlock.of(normalized);
        if (block.isEmpty()) {
            return markerProblems(normalized);
        }
        List<String> out = new ArrayList<>();
        List<String> seedBefore = lines(seedBlock.get().before());
        List<String> before = lines(block.get().before());
        compare(seedBefore, before, 1, "before", out);
        if (out.isEmpty()) {
            int afterFirstLine = before.size() + LINE_BREAK.split(block.get().body(), -1).length;
            compare(lines(seedBlock.get().after()), lines(block.get().after()), afterFirstLine, "after", out);
        }
        return out;
    }

    private static List<String> markerProblems(String source) {
        List<String> out = new ArrayList<>();
        List<Integer> starts = linesContaining(source, EvolveBlock.START_WORD);
        List<Integer> ends = linesContaining(source, EvolveBlock.END_WORD);
        describeCount(EvolveBlock.START, starts, out);
        describeCount(EvolveBlock.END, ends, out);
        if (out.isEmpty() && starts.getFirst() >= ends.getFirst()) {
            out.add("line " + ends.getFirst() + ": marker `" + EvolveBlock.END
                    + "` comes before `" + EvolveBlock.START + "` (line " + starts.getFirst() + ")");
        }
        if (out.isEmpty()) {
            out.add("line " + starts.getFirst() + ": the evolve block markers must stand on their own lines");
        }
        return out;
    }

    private static void describeCount(String marker, List<Integer> lines, List<String> out) {
        if (lines.isEmpty()) {
            out.add("line 1: marker `" + marker + "` is missing; keep both evolve block markers exactly as in the seed");
        } else if (lines.size() > 1) {
            out.add("line " + lines.get(1) + ": marker `" + marker + "` appears " + lines.size()
                    + " times (lines " + lines.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                    + "); it must appear exactly once");
        }
    }

    private static List<Integer> linesContaining(String source, String marker) {
        List<Integer> found = new ArrayList<>();
        String[] all = LINE_BREAK.split(source, -1);
        for (int i = 0; i < all.length; i++) {
            int from = 0;
            while ((from = all[i].indexOf(marker, from)) >= 0) {
                found.add(i + 1);
                from += marker.length();
            }
        }
        return found;
    }

    /** Reports the first differing line, numbered as in the variant. */
    private static void compare(List<String> seed, List<String> variant, int firstLine, String where,
                                List<String> out) {
        int common = Math.min(seed.size(), variant.size());
        for (int i = 0; i < common; i++) {
            if (!seed.get(i).equals(variant.get(i))) {
                out.add("line " + (firstLine + i) + ": text " + where + " the evolve block differs from the seed"
                        + " (only the block may change): expected `" + clip(seed.get(i)) + "` but found `"
                        + clip(variant.get(i)) + "`");
                return;
            }
        }
        if (variant.size() > seed.size()) {
            out.add("line " + (firstLine + common) + ": text " + where + " the evolve block differs from the seed"
                    + " (only the block may change): unexpected extra line `" + clip(variant.get(common)) + "`");
        } else if (seed.size() > variant.size()) {
            out.add("line " + (firstLine + common) + ": text " + where + " the evolve block differs from the seed"
                    + " (only the block may change): missing line `" + clip(seed.get(common)) + "`");
        }
    }

    /** Lines without trailing whitespace; trailing empty lines dropped. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : LINE_BREAK.split(text, -1)) {
            out.add(line.stripTrailing());
        }
        while (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }

    private static String normalizeLineEndings(String text) {
        return LINE_BREAK.matcher(text).replaceAll("\n");
    }

    private static String clip(String line) {
        String s = line.strip();
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
