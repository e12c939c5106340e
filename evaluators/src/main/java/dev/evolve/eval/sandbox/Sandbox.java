package dev.evolve.eval.sandbox;

import java.util.List;

/**
 * Turns the command line of a process that will run untrusted code into a confined one. The
 * caller still sets the process's environment (cleared, see {@code WorkerEnvironment}), its
 * working directory and its streams; the sandbox keeps the environment it is given.
 *
 * <pre>{@code
 * Sandbox s = SandboxPolicy.current().sandbox();
 * new ProcessBuilder(s.wrap(List.of(java, "-cp", cp, Main), Confinement.of(dir)))
 * }</pre>
 */
public sealed interface Sandbox permits Sandbox.PlainProcess, Bubblewrap {

    /** {@code command} run inside this sandbox with {@code confinement}. */
    List<String> wrap(List<String> command, Confinement confinement);

    /** {@code bwrap} or {@code process}: the mode in force. */
    String mode();

    /** No OS sandbox: the command as it is (the process boundary, a cleared environment, a private folder). */
    static Sandbox none() {
        return PlainProcess.INSTANCE;
    }

    /** Today's behaviour: the process as the engine's user, with the engine's view of the machine. */
    record PlainProcess() implements Sandbox {
        static final PlainProcess INSTANCE = new PlainProcess();

        @Override
        public List<String> wrap(List<String> command, Confinement confinement) {
            return List.copyOf(command);
        }

        @Override
        public String mode() {
            return "process";
        }
    }
}
