/**
 * Sandboxed execution: worker JVMs that compile, check and time candidates, and the
 * {@link dev.evolve.eval.worker.WorkerPool} seam the engine talks to. The protocol
 * ({@link dev.evolve.eval.worker.WorkerRequest} in, {@link dev.evolve.eval.worker.WorkerReply} out,
 * length-prefixed JSON frames) does not depend on where a worker runs.
 *
 * <p>What is not possible: there is no Security Manager on JDK 24+ and {@code Thread.stop} is gone,
 * so a candidate cannot be contained inside a JVM. The boundary is the worker process (killed with
 * SIGKILL past its deadline, heap and processor caps, a cleared environment, a private working and
 * temp directory deleted with the worker) plus the class-file allowlist the engine checks on the
 * bytes a COMPILE reply returns, before the worker loads them (compilation runs no candidate code).
 */
package dev.evolve.eval.worker;
