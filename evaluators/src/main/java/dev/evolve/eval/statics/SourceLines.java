package dev.evolve.eval.statics;

/** Where in a variant's text a reason points: the checks of Java and of OpenCL C start each reason with its line. */
public final class SourceLines {

    private SourceLines() {
    }

    /** The line (from 1) of the character at {@code index} of {@code source}. */
    public static int lineOf(String source, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
