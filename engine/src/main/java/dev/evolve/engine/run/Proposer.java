package dev.evolve.engine.run;

import dev.evolve.engine.db.Sample;
import dev.evolve.engine.record.RunEvent;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Proposes children. The loop gives a proposer its parents (it never samples the database itself)
 * and a {@link CandidatePipeline} to hand its children to; what comes back (the filed child, its
 * score) is what it learns from.
 *
 * <pre>{@code
 * proposer.prefetch(parents::ahead);          // before every episode: a proposer that works ahead tops up
 * Proposer.Outcome o = proposer.episode(parents.forEpisode(e), pipeline, budget::spent);
 * }</pre>
 */
interface Proposer extends AutoCloseable {

    /**
     * A parent the loop picked: the database's sample, its island, the randomness of what is made of it,
     * and the episode it was picked for (-1 when picked ahead).
     */
    record Parent(Sample sample, int island, SplittableRandom random, long episode) {
    }

    /**
     * What an episode did: how many children it handed to the pipeline, its record for the log (or null), and the
     * ids of parents whose children only repeated known programs (once per such child).
     */
    record Outcome(int proposed, RunEvent.Episode record, List<String> repeatedParents) {
        public Outcome {
            repeatedParents = List.copyOf(repeatedParents);
        }

        Outcome(int proposed, RunEvent.Episode record) {
            this(proposed, record, List.of());
        }
    }

    /**
     * One episode around {@code parent}: children made, handed to {@code pipeline} and learnt from, until
     * the episode is over or {@code stop} says so. A proposer that works ahead (the model's) works on the
     * parents it took in {@link #prefetch} instead, and the loop passes it no parent (null).
     */
    Outcome episode(Parent parent, CandidatePipeline pipeline, BooleanSupplier stop) throws InterruptedException;

    /** Called before every episode: a proposer that works ahead takes as many parents as it has room for. */
    default void prefetch(Supplier<Parent> parents) {
    }

    /** Figures for the summary ({@code llm} for the model proposer), or null. */
    default Map<String, Object> stats() {
        return null;
    }

    @Override
    default void close() {
    }
}
