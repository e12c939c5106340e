package dev.evolve.kernels;

import java.util.Optional;

/**
 * The evolve block: the region of a variant between the marker lines, the only text a mutation
 * may change. A marker line is any line holding {@link #START_WORD} or {@link #END_WORD}, so each
 * language writes them as its own comment: {@code // EVOLVE-BLOCK-START} in Java and C,
 * {@code # EVOLVE-BLOCK-START} in Python or a plain text file.
 */
public record EvolveBlock(String before, String body, String after) {

    public static final String START = "// EVOLVE-BLOCK-START";
    public static final String END = "// EVOLVE-BLOCK-END";
    /** What makes a line the start marker, whatever comment syntax surrounds it. */
    public static final String START_WORD = "EVOLVE-BLOCK-START";
    /** What makes a line the end marker, whatever comment syntax surrounds it. */
    public static final String END_WORD = "EVOLVE-BLOCK-END";

    /**
     * Splits source into the text before the block (through the start marker's line), the block
     * body, and the text after (from the end marker's line). Empty when the markers are missing,
     * repeated or out of order.
     */
    public static Optional<EvolveBlock> of(String source) {
        int start = source.indexOf(START_WORD);
        int end = source.indexOf(END_WORD);
        if (start < 0 || end < 0 || end < start
                || source.indexOf(START_WORD, start + 1) >= 0 || source.indexOf(END_WORD, end + 1) >= 0) {
            return Optional.empty();
        }
        int bodyStart = source.indexOf('\n', start);
        if (bodyStart < 0 || bodyStart > end) {
            return Optional.empty();
        }
        int endLine = source.lastIndexOf('\n', end) + 1;
        if (endLine <= bodyStart) {
            return Optional.empty();
        }
        return Optional.of(new EvolveBlock(
                source.substring(0, bodyStart + 1),
                source.substring(bodyStart + 1, endLine),
                source.substring(endLine)));
    }

    /** The same surroundings with another body. */
    public String withBody(String newBody) {
        String b = newBody.endsWith("\n") || newBody.isEmpty() ? newBody : newBody + "\n";
        return before + b + after;
    }

    public String source() {
        return before + body + after;
    }
}
