package dev.evolve.eval;

/** One compiler error: where, and what javac said. Lines and columns are 1-based; 0 if unknown. */
public record CompileDiagnostic(long line, long column, String message) {

    public CompileDiagnostic {
        message = Bounded.text(message, Bounded.MESSAGE_CHARS);   // javac quotes the source, which the candidate chose
    }

    @Override
    public String toString() {
        return "line " + line + ":" + column + ": " + message;
    }
}
