/**
 * Evaluation on a cluster of Hazelcast members: {@code evolve worker} members evaluate candidates in
 * their own sandboxed worker JVMs; the coordinator of a run joins as a lite member and sends them
 * candidates through {@link dev.evolve.engine.cluster.ClusterEvaluator}, one more
 * {@link dev.evolve.eval.VariantEvaluator}. Each dispatch carries a token (candidate, attempt) kept in
 * the run's SQLite database ({@link dev.evolve.engine.cluster.DispatchLedger}); only the current
 * attempt's result is filed. Only the engine's own task type and text cross the wire; Java
 * serialization is refused. Hazelcast's open edition has no TLS and no member authentication: members
 * belong on loopback, a private network or an SSH tunnel. Members advertise their OpenCL devices
 * ({@link dev.evolve.engine.cluster.MemberDevices}); an OpenCL target's candidates go only to members
 * with one.
 *
 * <p>Coordinator restart. The loop ({@code CandidatePipeline}) files results in proposal order, and a
 * resumed run re-proposes from the state it saved with its last filed child; the evaluator seam sees
 * a source only. So the ledger, not the loop, carries what was out: each dispatch row keeps the
 * candidate's source, and an accepted attempt keeps its outcome as JSON. At resume
 * ({@code ClusterLink.open}) every attempt still out is marked abandoned, and each candidate whose
 * latest attempt was out or abandoned, and that is not among the run's programs, goes out again at
 * once as attempt n + 1 (from a thread of its own, in the order it first went out); one whose result
 * was accepted but not filed (the pipeline was waiting on an earlier candidate) keeps that result.
 * When the resumed loop proposes such a candidate, {@code ClusterEvaluator.evaluate} takes over the
 * dispatch sent at resume (or the kept result) instead of sending it again: it is evaluated once and
 * filed once, at the place the loop gives it. One the loop does not propose again stays done in the
 * ledger with its outcome (reported as {@code kept_unfiled}), for a later resume; it is never
 * evaluated again. The ledger and the program store are two connections on one file: every ledger
 * write is one statement, or a transaction that writes first.
 */
package dev.evolve.engine.cluster;
