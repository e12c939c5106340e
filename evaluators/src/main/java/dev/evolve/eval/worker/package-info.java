/**
 * Sandboxed execution: worker JVMs that compile, check and time candidates, and the
 * {@link dev.evolve.eval.worker.WorkerPool} seam the engine talks to. The protocol
 * ({@link dev.evolve.eval.worker.WorkerRequest} in, {@link dev.evolve.eval.worker.WorkerReply} out,
 * length-prefixed JSON frames) does not depend on where a worker runs.
 *
 * <p>A worker runs candidate code, so its replies are claims. Each reply must echo its request's
 * sequence number and nonce, be of a kind the request can produce ({@code WorkerProtocol}), and be
 * the only frame: anything out of step retires the worker. Timed runs get fresh inputs every call
 * ({@link dev.evolve.eval.worker.TimingLoop#runFresh}) and keep copies of their outputs, which the
 * engine verifies itself ({@link dev.evolve.eval.worker.ArrayBytes}, the {@code OUTPUTS} request).
 * A candidate that uses the Vector API warms up until its run times stop falling (C2 has compiled its
 * vector code), at most two seconds past the plan's warm-up, before its samples count.
 *
 * <p>What is not possible: there is no Security Manager on JDK 24+ and {@code Thread.stop} is gone,
 * so a candidate cannot be contained inside a JVM. The boundary is the worker process (killed with
 * SIGKILL past its deadline, heap and processor caps, a cleared environment, a private working and
 * temp directory deleted with the worker), the OS sandbox around it ({@link dev.evolve.eval.sandbox}:
 * with bubblewrap a read-only machine, the private directory as the one writable folder, no
 * network, its own PID namespace, limits), the JVM's native-access walls (no JNI, FFM or
 * {@code Unsafe} memory access for candidate code on JDK 24+), the static check that runs
 * before any compilation, and the class-file allowlist the engine checks on the bytes a COMPILE
 * reply returns, before the worker loads them (compilation runs no candidate code). Without
 * bubblewrap ({@code sandbox: process}, or {@code auto} on a machine without it) a candidate that
 * evades both checks can write to absolute paths and open sockets with the engine user's rights.
 */
package dev.evolve.eval.worker;
