package dev.evolve.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.VariantEvaluator;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The coordinator's evaluator on a cluster: each candidate goes to a free slot (a worker member's, or
 * the coordinator's own workers), as attempt n of that candidate, recorded in the
 * {@link DispatchLedger}. When the member leaves or dies, or the lease runs out (a frozen member), the
 * candidate goes out again as attempt n + 1, to another member where there is one; the result is kept
 * only for the current attempt, so a late or repeated answer is dropped and logged, never filed. A
 * member that cannot evaluate at all (its workers do not start) counts against {@value #MAX_ATTEMPTS}
 * attempts, after which the candidate is an evaluator failure for the pipeline.
 *
 * <p>After a coordinator restart, {@link #resume} takes what the stopped coordinator left unfiled:
 * candidates that were out go out again at once (attempt n + 1), results that came back but were not
 * filed are kept; when the resumed loop proposes one of these candidates, {@link #evaluate} takes
 * over that dispatch (or that result) instead of sending it again.
 */
final class ClusterEvaluator implements VariantEvaluator {

    static final int MAX_ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IExecutorService executor;
    private final TaskSpec spec;
    private final VariantEvaluator local;
    private final Slots slots;
    private final DispatchLedger ledger;
    private final Duration lease;
    private final Duration noMemberWait;
    private final InstantSource clock;
    private final java.util.function.Predicate<com.hazelcast.cluster.Member> present;
    private volatile Consumer<RunEvent> events = e -> { };
    private final Map<String, CompletableFuture<EvaluationOutcome>> running = new ConcurrentHashMap<>();
    /** Candidates a stopped coordinator left unfiled: their dispatch at resume, or their result. */
    private final Map<String, CompletableFuture<EvaluationOutcome>> resumed = new ConcurrentHashMap<>();
    private final List<Thread> resending = new CopyOnWriteArrayList<>();

    @SuppressWarnings("checkstyle:ParameterNumber")
    ClusterEvaluator(IExecutorService executor, TaskSpec spec, VariantEvaluator local, Slots slots,
                     DispatchLedger ledger, Duration lease, Duration noMemberWait, InstantSource clock,
                     java.util.function.Predicate<com.hazelcast.cluster.Member> present) {
        this.present = present;
        this.executor = executor;
        this.spec = spec;
        this.local = local;
        this.slots = slots;
        this.ledger = ledger;
        this.lease = lease;
        this.noMemberWait = noMemberWait;
        this.clock = clock;
    }

    void events(Consumer<RunEvent> sink) {
        this.events = sink;
    }

    /**
     * Evaluates a candidate; a second call for the same program (same normalized source) while the
     * first is out waits for the first's outcome instead of sending it again: two dispatches of one
     * candidate would each make the other's attempt stale.
     */
    @Override
    public EvaluationOutcome evaluate(String source) throws InterruptedException {
        String candidate = SourceHash.of(source);
        CompletableFuture<EvaluationOutcome> left = resumed.remove(candidate);
        if (left != null) {
            try {
                EvaluationOutcome outcome = left.get();
                events.accept(new RunEvent.Cluster("taken_over", null, candidate, null,
                        "proposed again after the restart: its result comes from what resume kept or sent"));
                return outcome;
            } catch (ExecutionException e) {
                // that dispatch failed (no member for long, too many failures): this call tries afresh
            }
        }
        CompletableFuture<EvaluationOutcome> mine = new CompletableFuture<>();
        CompletableFuture<EvaluationOutcome> earlier = running.putIfAbsent(candidate, mine);
        if (earlier != null) {
            try {
                return earlier.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new ClusterException("the evaluation of " + candidate + " failed: " + e.getCause(), e.getCause());
            }
        }
        try {
            EvaluationOutcome outcome = dispatchUntilAccepted(candidate, source);
            mine.complete(outcome);
            return outcome;
        } catch (InterruptedException | RuntimeException | Error e) {
            mine.completeExceptionally(e);      // a caller waiting on the same program must not wait for ever
            throw e;
        } finally {
            running.remove(candidate, mine);
        }
    }

    /**
     * Takes what a stopped coordinator left unfiled: results are kept as they are; candidates that
     * were out go out again now, each from a thread of its own, in the order they first went out.
     * Their outcomes wait for the loop to propose them again; one it never proposes again stays in
     * the ledger (done, with its outcome) for a later resume, and is evaluated no more.
     */
    void resume(List<DispatchLedger.Leftover> leftovers) {
        for (DispatchLedger.Leftover left : leftovers) {
            CompletableFuture<EvaluationOutcome> future = new CompletableFuture<>();
            if (left.outcomeJson() != null) {
                try {
                    future.complete(OutcomeCodec.fromJson(JSON.readTree(left.outcomeJson())));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    continue;                    // an outcome that does not read: the candidate is evaluated again
                }
                resumed.put(left.candidate(), future);
                events.accept(new RunEvent.Cluster("result_kept", null, left.candidate(), left.attempt(),
                        "its result came back before the coordinator stopped; filed when proposed again"));
                continue;
            }
            resumed.put(left.candidate(), future);
            events.accept(new RunEvent.Cluster("redispatched", null, left.candidate(), left.attempt(),
                    "the coordinator stopped with it out; sent again at resume"));
            resending.add(Thread.ofVirtual().name("resend-" + left.candidate()).start(() -> {
                try {
                    future.complete(dispatchUntilAccepted(left.candidate(), left.source()));
                } catch (InterruptedException | RuntimeException e) {
                    future.completeExceptionally(e);
                }
            }));
        }
    }

    private EvaluationOutcome dispatchUntilAccepted(String candidate, String source) throws InterruptedException {
        String avoid = null;
        String lastFailure = null;
        for (int failures = 0; failures < MAX_ATTEMPTS; ) {
            Slots.Slot slot = slots.acquire(avoid, noMemberWait);
            long now = clock.millis();
            int attempt;
            try {
                attempt = ledger.dispatch(candidate, slot.name(), now, now + lease.toMillis(), source);
            } catch (RuntimeException e) {
                slots.release(slot);            // a slot kept here would be lost to the run for good
                throw e;
            }
            events.accept(new RunEvent.Cluster("dispatched", slot.name(), candidate, attempt, null));
            if (slot.local()) {
                try {
                    EvaluationOutcome outcome = local.evaluate(source);
                    if (ledger.accept(candidate, attempt, clock.millis(), OutcomeCodec.toJson(outcome).toString())) {
                        return outcome;
                    }
                    events.accept(new RunEvent.Cluster("dropped_late", slot.name(), candidate, attempt,
                            "no longer the current attempt"));
                    continue;
                } catch (InterruptedException | RuntimeException e) {
                    ledger.end(candidate, attempt, DispatchLedger.State.FAILED, clock.millis());
                    throw e;
                } finally {
                    slots.release(slot);
                }
            }
            Future<String> future;
            try {
                future = executor.submitToMember(new EvaluateTask(candidate, attempt, spec, source), slot.member());
            } catch (RuntimeException e) {
                slots.release(slot);
                if (present.test(slot.member())) {
                    failures++;                 // still a member, yet unreachable: counted, so this cannot spin
                    lastFailure = slot.name() + ": " + e.getMessage();
                } else {
                    slots.remove(slot.id());
                }
                lost(candidate, attempt, slot, "cannot reach the member: " + e.getMessage());
                avoid = slot.id();
                continue;
            }
            boolean slotHandedOn = false;
            try {
                Reply reply = Reply.fromJson(future.get(lease.toMillis(), TimeUnit.MILLISECONDS));
                if (reply.error() != null) {
                    failures++;
                    lastFailure = slot.name() + ": " + reply.error();
                    ledger.end(candidate, attempt, DispatchLedger.State.FAILED, clock.millis());
                    events.accept(new RunEvent.Cluster("redispatched", slot.name(), candidate, attempt,
                            "the member could not evaluate it: " + reply.error()));
                    avoid = slot.id();
                    continue;
                }
                if (ledger.accept(candidate, attempt, clock.millis(), OutcomeCodec.toJson(reply.outcome()).toString())) {
                    return reply.outcome();
                }
                events.accept(new RunEvent.Cluster("dropped_late", slot.name(), candidate, attempt,
                        "no longer the current attempt"));
            } catch (TimeoutException e) {
                ledger.end(candidate, attempt, DispatchLedger.State.EXPIRED, clock.millis());
                events.accept(new RunEvent.Cluster("redispatched", slot.name(), candidate, attempt,
                        "its lease of " + lease.toSeconds() + " s ran out"));
                watchLate(future, slot, candidate, attempt);
                slotHandedOn = true;
                avoid = slot.id();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (memberGone(cause) || !present.test(slot.member())) {
                    slots.remove(slot.id());       // before the membership event: no more work for it
                    lost(candidate, attempt, slot, "its member left");
                } else {
                    failures++;
                    lastFailure = slot.name() + ": " + cause;
                    ledger.end(candidate, attempt, DispatchLedger.State.FAILED, clock.millis());
                    events.accept(new RunEvent.Cluster("redispatched", slot.name(), candidate, attempt,
                            "the dispatch failed: " + cause));
                }
                avoid = slot.id();
            } catch (IllegalArgumentException e) {   // a reply that does not read
                failures++;
                lastFailure = slot.name() + ": " + e.getMessage();
                ledger.end(candidate, attempt, DispatchLedger.State.FAILED, clock.millis());
                events.accept(new RunEvent.Cluster("redispatched", slot.name(), candidate, attempt, e.getMessage()));
                avoid = slot.id();
            } catch (InterruptedException e) {
                future.cancel(true);
                ledger.end(candidate, attempt, DispatchLedger.State.ABANDONED, clock.millis());
                throw e;
            } finally {
                if (!slotHandedOn) {
                    slots.release(slot);
                }
            }
        }
        throw new ClusterException("candidate " + candidate + " could not be evaluated in " + MAX_ATTEMPTS
                + " attempts; last: " + lastFailure);
    }

    /** Whether a dispatch failed because its member left (Hazelcast says so in more than one way). */
    private static boolean memberGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetNotMemberException
                    || c instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    private void lost(String candidate, int attempt, Slots.Slot slot, String why) {
        ledger.end(candidate, attempt, DispatchLedger.State.LOST, clock.millis());
        events.accept(new RunEvent.Cluster("redispatched", slot.name(), candidate, attempt, why));
    }

    /** The answer of an expired attempt, when it comes, is logged and dropped; only then is its slot free again. */
    private void watchLate(Future<String> future, Slots.Slot slot, String candidate, int attempt) {
        Runnable done = () -> slots.release(slot);
        if (future instanceof CompletionStage<?> stage) {
            stage.whenComplete((text, error) -> {
                done.run();
                if (error == null && !ledger.accept(candidate, attempt, clock.millis(), null)) {
                    events.accept(new RunEvent.Cluster("dropped_late", slot.name(), candidate, attempt,
                            "answered after its lease ran out"));
                }
            });
        } else {
            Thread.ofVirtual().start(() -> {
                try {
                    future.get();
                    if (!ledger.accept(candidate, attempt, clock.millis(), null)) {
                        events.accept(new RunEvent.Cluster("dropped_late", slot.name(), candidate, attempt,
                                "answered after its lease ran out"));
                    }
                } catch (InterruptedException | ExecutionException ignored) {
                    // no answer: nothing to drop
                } finally {
                    done.run();
                }
            });
        }
    }

    /**
     * The candidates a stopped coordinator left unfiled that the resumed loop has not proposed again
     * (the loop re-proposes from its saved state, which need not bring back every one of them): their
     * results stay in the ledger, done, for a later resume; none is evaluated again.
     */
    List<String> notProposedAgain() {
        return List.copyOf(resumed.keySet());
    }

    /** Worker members and slots taken, for the live line. */
    int members() {
        return slots.members();
    }

    int inFlight() {
        return slots.inFlight();
    }

    /** Stops the dispatches sent at resume that are still out (the local evaluator belongs to the run's workbench). */
    @Override
    public void close() {
        resending.forEach(Thread::interrupt);
        for (Thread t : resending) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
