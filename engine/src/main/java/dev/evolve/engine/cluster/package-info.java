/**
 * Evaluation on a cluster of Hazelcast members: {@code evolve worker} members evaluate candidates in
 * their own sandboxed worker JVMs; the coordinator of a run joins as a lite member and sends them
 * candidates through {@link dev.evolve.engine.cluster.ClusterEvaluator}, one more
 * {@link dev.evolve.eval.VariantEvaluator}. Each dispatch carries a token (candidate, attempt) kept in
 * the run's SQLite database ({@link dev.evolve.engine.cluster.DispatchLedger}); only the current
 * attempt's result is filed. Only the engine's own task type and text cross the wire; Java
 * serialization is refused. Hazelcast's open edition has no TLS and no member authentication: members
 * belong on loopback, a private network or an SSH tunnel.
 */
package dev.evolve.engine.cluster;
