package dev.evolve.bench;

import java.util.function.Function;

/** The arguments of a command-line launcher: parsed, or its usage on standard error and exit code 2. */
public final class LauncherArgs {

    private LauncherArgs() {
    }

    /**
     * {@code parse} applied to {@code args}; when it refuses them ({@link IllegalArgumentException}),
     * prints "{@code name}: why" and "usage: {@code usage}" and exits with code 2.
     */
    public static <T> T parseOrExit(String[] args, Function<String[], T> parse, String name, String usage) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("usage: " + usage);
            System.exit(2);
            throw new IllegalStateException("exit refused", e);
        }
    }
}
