package dev.evolve.engine.mutate.llm;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.Sample;
import dev.evolve.engine.llm.Completion;
import dev.evolve.engine.llm.ModelClient;
import dev.evolve.engine.llm.ModelException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;
import java.util.random.RandomGenerator;

/**
 * One model mutation: picks a task (a diff edit mostly, sometimes a full rewrite or a crossover
 * with an inspiration, or a repair of a failed child), asks the chosen model, and applies its
 * reply to the evolve block, asking again with the rejection reason when the reply does not apply.
 *
 * <pre>{@code
 * var mutator = new ModelMutator(prompts, new EditParser(), clients, costs, 3);
 * switch (mutator.mutate(sample, null, "gpt-x", rnd)) {
 *     case Result.Child c -> evaluate(c.source());
 *     case Result.Failed f -> log(f.reason());
 * }
 * }</pre>
 */
public final class ModelMutator {

    /** What one mutation gave. */
    public sealed interface Result {
        /**
         * An applied edit: the child's full source, how it was made, what the model calls cost, and the number
         * the call gate gave the call whose reply applied ({@code call}, 0 without a gate).
         */
        record Child(String source, String origin, String model, Prompt.Task task, int attempts,
                     long inputTokens, long outputTokens, double cost, long call) implements Result {
            public Child {
                Objects.requireNonNull(source, "source");
            }
        }

        /** No child: every reply was rejected, or the model failed ({@code modelDown}: after its retries). */
        record Failed(String model, String reason, boolean modelDown, long inputTokens, long outputTokens,
                      double cost) implements Result {
        }

        /** No child: the call gate refused a call before a reply applied (what was spent before is counted). */
        record Held(String model, long inputTokens, long outputTokens, double cost) implements Result {
        }
    }

    /** Grants model calls: the number of a call granted now (from 1), or 0 when no call may be made. */
    @FunctionalInterface
    public interface CallGate {
        long tryCall();

        /** A gate that grants every call. */
        CallGate OPEN = () -> 1;
    }

    private final PromptBuilder prompts;
    private final ResampleLoop resample;
    private final Map<String, ModelClient> clients;
    private final ToDoubleBiFunction<String, Completion> cost;
    private final double rewriteShare;
    private final double crossoverShare;
    private final Map<String, java.util.concurrent.atomic.AtomicLong> calls = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param clients     the models by name
     * @param cost        the price of one completion of a model
     * @param maxAttempts model calls per mutation at most (the first and the resamples)
     */
    public ModelMutator(PromptBuilder prompts, EditParser parser, Map<String, ModelClient> clients,
                        ToDoubleBiFunction<String, Completion> cost, int maxAttempts) {
        this(prompts, parser, clients, cost, maxAttempts, 0.15, 0.15);
    }

    public ModelMutator(PromptBuilder prompts, EditParser parser, Map<String, ModelClient> clients,
                        ToDoubleBiFunction<String, Completion> cost, int maxAttempts,
                        double rewriteShare, double crossoverShare) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("a model mutator needs at least one model");
        }
        if (rewriteShare < 0 || crossoverShare < 0 || rewriteShare + crossoverShare > 1) {
            throw new IllegalArgumentException("task shares must be >= 0 and add up to at most 1");
        }
        this.prompts = prompts;
        this.resample = ResampleLoop.of(maxAttempts, parser, prompts);
        this.clients = Map.copyOf(clients);
        this.cost = cost;
        this.rewriteShare = rewriteShare;
        this.crossoverShare = crossoverShare;
    }

    /**
     * Mutates the sample's parent with {@code model}. With {@code failedChild} (a child of the
     * parent that failed evaluation) the task is a repair of that child.
     */
    public Result mutate(Sample sample, ProgramRecord failedChild, String model, RandomGenerator random)
            throws InterruptedException {
        return mutate(sample, failedChild, model, random, List.of(), CallGate.OPEN);
    }

    /**
     * As {@link #mutate(Sample, ProgramRecord, String, RandomGenerator)}, telling the model what became of its
     * earlier proposals for this parent ({@code notes}, see {@link PromptBuilder#withEarlierProposals}), and
     * asking {@code gate} before every model call.
     */
    public Result mutate(Sample sample, ProgramRecord failedChild, String model, RandomGenerator random,
                         List<String> notes, CallGate gate) throws InterruptedException {
        return mutate(sample, failedChild, model, random, notes, gate, null);
    }

    /**
     * As {@link #mutate(Sample, ProgramRecord, String, RandomGenerator, List, CallGate)}, the prompt giving
     * {@code guidance} where it would give an emphasis picked at random (null: so it does; a repair prompt gives
     * none).
     */
    public Result mutate(Sample sample, ProgramRecord failedChild, String model, RandomGenerator random,
                         List<String> notes, CallGate gate, String guidance) throws InterruptedException {
        ModelClient client = clients.get(model);
        if (client == null) {
            throw new IllegalArgumentException("unknown model " + model + "; known: " + clients.keySet());
        }
        PromptBuilder guided = guidance == null ? prompts : prompts.guided(guidance);
        Prompt prompt = prompts.withEarlierProposals(choose(guided, sample, failedChild, random), notes);
        long[] tokens = new long[2];
        double[] spent = new double[1];
        long[] call = new long[1];
        ResampleLoop.Outcome outcome;
        try {
            outcome = resample.run(prompt, p -> {
                call[0] = gate.tryCall();
                if (call[0] == 0) {
                    throw new GateClosed();
                }
                calls.computeIfAbsent(model, m -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
                try {
                    Completion c = client.complete(new dev.evolve.engine.llm.ModelRequest(p.system(), p.user(),
                            temperature(p.task()), 8192));
                    tokens[0] += c.inputTokens();
                    tokens[1] += c.outputTokens();
                    spent[0] += cost.applyAsDouble(model, c);
                    return c.text();
                } catch (ModelException e) {
                    if (e.kind() == ModelException.Kind.EMPTY_REPLY) {
                        return "";                     // an empty reply is a bad edit, not a model that is down
                    }
                    throw new ModelFailure(e);
                } catch (InterruptedException e) {
                    throw new Interrupted(e);
                }
            });
        } catch (ModelFailure f) {
            return new Result.Failed(model, f.cause.kind() + ": " + f.cause.getMessage(), true, tokens[0], tokens[1],
                    spent[0]);
        } catch (Interrupted i) {
            throw i.cause;
        } catch (GateClosed g) {
            return new Result.Held(model, tokens[0], tokens[1], spent[0]);
        }
        return switch (outcome) {
            case ResampleLoop.Outcome.Accepted a -> new Result.Child(a.source(),
                    "llm:" + model + ":" + prompt.task().name().toLowerCase(java.util.Locale.ROOT),
                    model, prompt.task(), a.attempts(), tokens[0], tokens[1], spent[0], call[0]);
            case ResampleLoop.Outcome.GaveUp g -> new Result.Failed(model,
                    "no applicable edit after " + g.attempts() + " replies; last: " + g.lastReason(), false,
                    tokens[0], tokens[1], spent[0]);
        };
    }

    private Prompt choose(PromptBuilder prompts, Sample sample, ProgramRecord failedChild, RandomGenerator random) {
        ProgramRecord parent = sample.parent();
        if (failedChild != null) {
            return prompts.repair(parent, failedChild, random);
        }
        List<ProgramRecord> inspirations = sample.inspirations();
        double r = random.nextDouble();
        if (r < crossoverShare && !inspirations.isEmpty()) {
            return prompts.crossover(parent, inspirations.get(random.nextInt(inspirations.size())), random);
        }
        if (r < crossoverShare + rewriteShare) {
            return prompts.fullRewrite(parent, inspirations, random);
        }
        return prompts.diffEdit(parent, inspirations, random);
    }

    /** Repairs and diffs want precision; rewrites and crossovers a little more variety. */
    private static double temperature(Prompt.Task task) {
        return switch (task) {
            case DIFF, REPAIR -> 0.6;
            case REWRITE, CROSSOVER -> 0.9;
        };
    }

    /** Model calls made so far, by model (each reply counts, resampled ones included). */
    public Map<String, Long> calls() {
        Map<String, Long> out = new java.util.TreeMap<>();
        calls.forEach((m, n) -> out.put(m, n.get()));
        return out;
    }

    /** Carries a refused call out of the resample loop's function. */
    private static final class GateClosed extends RuntimeException {
        GateClosed() {
            super(null, null, false, false);
        }
    }

    /** Carries a model failure out of the resample loop's function. */
    private static final class ModelFailure extends RuntimeException {
        final ModelException cause;

        ModelFailure(ModelException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /** Carries an interruption out of the resample loop's function. */
    private static final class Interrupted extends RuntimeException {
        final InterruptedException cause;

        Interrupted(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
