/**
 * The OS sandbox around every process that runs untrusted code (worker JVMs, JMH launchers and
 * their forks, evaluator commands): {@link dev.evolve.eval.sandbox.Sandbox} turns a command line
 * into a confined one, {@link dev.evolve.eval.sandbox.SandboxPolicy} picks the sandbox this JVM
 * uses ({@code auto | bwrap | process}) once, probing bubblewrap.
 *
 * <p>With bubblewrap a process sees a read-only root, a minimal {@code /dev}, a {@code /proc} of
 * its own PID namespace (no engine process, so no {@code /proc/<engine>/environ}), a small
 * private {@code /tmp}, no network (its own network namespace with only a loopback of its own),
 * its own IPC and UTS namespaces, and exactly one writable folder of its own; it dies with its
 * parent and runs under limits on processes, open files and file size ({@code prlimit}).
 * What it does not do: hide files the engine's user may read elsewhere on the machine (they are
 * readable, read-only), cap total disk use in the writable folder, or bound the process count
 * of a process running as root (the kernel exempts uid 0 from {@code RLIMIT_NPROC}; the PID
 * namespace still takes every process down with the sandbox).
 */
package dev.evolve.eval.sandbox;
