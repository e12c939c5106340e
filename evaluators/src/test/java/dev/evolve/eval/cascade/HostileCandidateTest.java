package dev.evolve.eval.cascade;

import static dev.evolve.eval.testing.Candidates.NAIVE_BODY;
import static dev.evolve.eval.testing.Candidates.withMembers;
import static dev.evolve.eval.testing.Candidates.withMultiplyBody;
import static dev.evolve.eval.testing.Outcomes.incorrectIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Incorrect;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.testing.Candidates;
import dev.evolve.eval.testing.Forger;
import dev.evolve.eval.testing.Unchecked;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candidates that control their worker JVM and try to get a verdict they did not earn: forged
 * replies, stale frames, caches. They are evaluated with the static check off (a test-only path),
 * as if they had escaped it, on a pool of one worker, so the candidate after each one runs on
 * whatever worker the attack left behind and must get its own verdict.
 */
class HostileCandidateTest {

    /** Timed at 256, above the largest check size (129), so there is room for the random extra check size. */
    static final MatmulTarget TARGET = new MatmulTarget(256);
    static final CascadeConfig CONFIG = TestWorkers.quick(Duration.ofSeconds(15))
            .withTimingPlan(new TimingPlan(1, 0, 100, 3, 5, 300, 3));

    @TempDir
    static Path lockDir;
    static TestWorkers workers;

    @BeforeAll
    static void startPool() {
        workers = TestWorkers.start(1, lockDir, TARGET, CONFIG, Unchecked.CHECK);
    }

    @AfterAll
    static void stopPool() {
        workers.close();
    }

    static EvaluationOutcome evaluate(String source) throws InterruptedException {
        return workers.evaluate(source);
    }

    /** The next candidate on the pool (the seed) still gets its own, honest verdict. */
    static void nextCandidateIsJudgedOnItsOwn() throws InterruptedException {
        assertThat(evaluate(Candidates.SEED)).isInstanceOf(Measured.class);
        assertThat(evaluate(withMultiplyBody("java.util.Arrays.fill(c, 0.0);")))
                .isInstanceOf(Incorrect.class);
    }

    @Test
    void aForgedTimedReplyForAKernelThatComputesNothingIsNeverMeasured() throws Exception {
        var outcome = evaluate(withMembers(Forger.HELPERS + """
                    private static long forged = -1;

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        try {
                            long[] request = n == 256 ? latestRequest() : null;
                            if (request != null && request[3] == 1 && request[1] != forged) {
                                forged = request[1];
                                send(request, "{\\"kind\\":\\"TIMED\\",\\"size\\":" + n
                                        + ",\\"samplesNs\\":[1000,1000,1000,1000,1000],\\"workerNanos\\":1}");
                                while (true) {
                                    Thread.onSpinWait();   // never let the worker's own reply follow
                                }
                            }
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                        if (n != 256) {
                %s
                        }
                    }
                """.formatted(NAIVE_BODY)));

        assertThat(outcome).isInstanceOf(Crashed.class);
        assertThat(outcome.detail()).contains("kept no output");
        nextCandidateIsJudgedOnItsOwn();
    }

    @Test
    void aForgedTimedReplyWithDigestsIsCaughtByTheFramesThatFollow() throws Exception {
        // forges TIMED with the digest of its own (wrong) output, then lets the worker go on: the
        // worker's own reply arrives where the engine expects the outputs it asked for
        var outcome = evaluate(withMembers(Forger.HELPERS + """
                    private static long forged = -1;

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        if (n == 256) {
                            java.util.Arrays.fill(c, 0.0);
                            try {
                                long[] request = latestRequest();
                                if (request != null && request[3] == 1 && request[1] != forged) {
                                    forged = request[1];
                                    var bytes = java.nio.ByteBuffer.allocate(1 + 8 * c.length)
                                            .order(java.nio.ByteOrder.LITTLE_ENDIAN).put((byte) 'D');
                                    for (double x : c) bytes.putDouble(x);
                                    String digest = java.util.HexFormat.of().formatHex(
                                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array()));
                                    send(request, "{\\"kind\\":\\"TIMED\\",\\"size\\":256,\\"samplesNs\\":[1000,1000,1000],"
                                            + "\\"digests\\":[\\"" + digest + "\\",\\"" + digest + "\\",\\"" + digest + "\\"]}");
                                }
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                            return;
                        }
                %s
                    }
                """.formatted(NAIVE_BODY)));

        assertThat(outcome).isInstanceOf(Crashed.class);
        assertThat(outcome.detail()).containsAnyOf("out of step", "nobody asked for");
        nextCandidateIsJudgedOnItsOwn();
    }

    @Test
    void anExtraReplyLeftQueuedRetiresTheWorkerBeforeAnyoneReadsIt() throws Exception {
        // answers its own check request first; the worker's genuine reply stays queued behind it
        var outcome = evaluate(withMembers(Forger.HELPERS + """
                    private static long forged = -1;

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        try {
                            long[] request = n == 17 ? latestRequest() : null;
                            if (request != null && request[3] == 0 && request[1] != forged) {
                                forged = request[1];
                                send(request, "{\\"kind\\":\\"PASSED\\"}");
                            }
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                %s
                    }
                """.formatted(NAIVE_BODY)));

        assertThat(outcome).isInstanceOf(Crashed.class);
        assertThat(outcome.detail()).containsAnyOf("out of step", "nobody asked for");
        nextCandidateIsJudgedOnItsOwn();
    }

    @Test
    void aFrameWrittenAfterTheCandidateLeftNeverReachesTheNextOne() throws Exception {
        var before = workers.pool.workerPids();
        // a thread that does not look like the candidate's (no candidate context loader) writes a
        // reply once the candidate is done: it lands while the worker is idle
        var outcome = evaluate(withMembers(Forger.HELPERS + """
                    private static boolean started;

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        if (!started) {
                            started = true;
                            Thread t = new Thread(() -> {
                                try {
                                    Thread.sleep(2500);
                                    long[] request = latestRequest();
                                    request[1]++;   // aimed at the next request
                                    send(request, "{\\"kind\\":\\"PASSED\\"}");
                                } catch (Exception e) {
                                    throw new RuntimeException(e);
                                }
                            });
                            t.setContextClassLoader(null);
                            t.setDaemon(true);
                            t.start();
                        }
                %s
                    }
                """.formatted(NAIVE_BODY)));
        assertThat(outcome).isInstanceOf(Measured.class);   // honest kernel: its stray frame comes later

        Thread.sleep(4000);
        nextCandidateIsJudgedOnItsOwn();
        assertThat(workers.pool.workerPids()).doesNotContainAnyElementsOf(before);
    }

    @Test
    void aKernelWrongOnlyAboveTheFixedCheckSizesIsIncorrect() throws Exception {
        var outcome = evaluate(withMultiplyBody(NAIVE_BODY + """
                        if (n > 129 && n < 256) c[n] += 1.0;
                """));

        assertThat(incorrectIn(outcome, "check").mismatch().size()).isBetween(130, 255);
    }

    @Test
    void aKernelWrongOnlyAtTheTimingSizeIsIncorrect() throws Exception {
        var outcome = evaluate(withMultiplyBody(NAIVE_BODY + """
                        if (n == 256) c[n] += 1.0;
                """));

        incorrectIn(outcome, "timing");
    }

    @Test
    void aCacheHiddenInTheInputsIsIncorrect() throws Exception {
        // marks inputs it has answered in the lowest bit of a[0] and keeps the answer by that mark
        var outcome = evaluate(withMembers("""
                    private static final java.util.Map<Long, double[]> CACHE = new java.util.HashMap<>();

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        long mark = Double.doubleToRawLongBits(a[0]);
                        double[] hit = CACHE.get(mark);
                        if (hit != null && hit.length == c.length) {
                            System.arraycopy(hit, 0, c, 0, c.length);
                            return;
                        }
                %s
                        a[0] = Double.longBitsToDouble(mark ^ 1);
                        CACHE.put(Double.doubleToRawLongBits(a[0]), c.clone());
                    }
                """.formatted(NAIVE_BODY)));

        assertThat(outcome).isInstanceOf(Incorrect.class);
        assertThat(outcome.detail()).contains("was changed by the kernel");
    }

    @Test
    void cachesByIdentityOrBySampledElementsNeverHitWhileTimed() throws Exception {
        // each would answer from its cache on a hit; fresh inputs for every call mean it never hits,
        // so it computes every answer (and is measured at its honest speed). A hit throws, to show it.
        String byIdentity = withMembers("""
                    private static final java.util.Map<double[], double[]> CACHE = new java.util.IdentityHashMap<>();

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        if (CACHE.containsKey(a) && n == 256) throw new IllegalStateException("identity cache hit");
                %s
                        if (CACHE.size() < 64) CACHE.put(a, c.clone());
                    }
                """.formatted(NAIVE_BODY));
        String byFingerprint = withMembers("""
                    private static final java.util.Map<java.util.List<Double>, double[]> CACHE = new java.util.HashMap<>();

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        var key = java.util.List.of(a[0], a[a.length / 2], b[b.length - 1], (double) n);
                        if (CACHE.containsKey(key) && n == 256) throw new IllegalStateException("fingerprint cache hit");
                %s
                        if (CACHE.size() < 64) CACHE.put(key, c.clone());
                    }
                """.formatted(NAIVE_BODY));

        assertThat(evaluate(byIdentity)).isInstanceOf(Measured.class);
        assertThat(evaluate(byFingerprint)).isInstanceOf(Measured.class);
    }
}
