package dev.evolve.engine.mutate.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Asks the model again when its reply cannot be applied, up to a fixed number of attempts, each time telling it why
 * the previous reply was rejected. The model call is injected, so this holds no network code and tests need no model.
 *
 * <pre>{@code
 * ResampleLoop loop = ResampleLoop.of(3, new EditParser(), promptBuilder);
 * ResampleLoop.Outcome outcome = loop.run(prompt, p -> client.complete(p.system(), p.user()));
 * }</pre>
 *
 * <p>Each retry is built from the original prompt plus the latest reason only, so prompts do not grow with the
 * number of attempts.
 */
public final class ResampleLoop {

    private final int maxAttempts;
    private final EditParser parser;
    private final RetryPrompt retryPrompt;

    /**
     * @param maxAttempts   model calls at most, the first included
     * @param retryPrompt   makes the next prompt from the original one and the latest rejection
     */
    public ResampleLoop(int maxAttempts, EditParser parser, RetryPrompt retryPrompt) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.retryPrompt = Objects.requireNonNull(retryPrompt, "retryPrompt");
    }

    /** A loop whose retries carry the reason through {@link PromptBuilder#afterRejectedEdit}. */
    public static ResampleLoop of(int maxAttempts, EditParser parser, PromptBuilder prompts) {
        return new ResampleLoop(maxAttempts, parser, prompts::afterRejectedEdit);
    }

    /**
     * Calls the model with {@code prompt}, then with a retry prompt after each rejected reply, until a reply applies
     * or {@code maxAttempts} calls were made. Exceptions from the model call propagate unchanged.
     */
    public Outcome run(Prompt prompt, Function<Prompt, String> model) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(model, "model");
        List<String> reasons = new ArrayList<>();
        Prompt current = prompt;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String reply = model.apply(current);
            switch (parser.parse(reply, prompt.baseSource())) {
                case EditResult.Applied applied -> {
                    return new Outcome.Accepted(applied.source(), applied.edit(), attempt, reasons);
                }
                case EditResult.Rejected rejected -> {
                    reasons.add(rejected.reason());
                    if (attempt < maxAttempts) {
                        current = retryPrompt.next(prompt, rejected.reason(), attempt);
                    }
                }
            }
        }
        return new Outcome.GaveUp(reasons.getLast(), maxAttempts, reasons);
    }

    /** The prompt for the next attempt. */
    @FunctionalInterface
    public interface RetryPrompt {
        /**
         * @param original the first prompt of the run
         * @param reason   why the reply to attempt {@code attempt} was rejected
         * @param attempt  the attempt that was rejected, from 1
         */
        Prompt next(Prompt original, String reason, int attempt);
    }

    /** How a run ended. */
    public sealed interface Outcome {

        /** Model calls made. */
        int attempts();

        /** The reasons earlier replies were rejected, in order. */
        List<String> rejections();

        /** A reply applied on attempt {@code attempts}. */
        record Accepted(String source, ParsedEdit edit, int attempts, List<String> rejections) implements Outcome {
            public Accepted {
                Objects.requireNonNull(source, "source");
                Objects.requireNonNull(edit, "edit");
                rejections = List.copyOf(rejections);
                if (attempts < 1 || rejections.size() != attempts - 1) {
                    throw new IllegalArgumentException("attempts " + attempts + " with " + rejections.size() + " rejections");
                }
            }
        }

        /** Every reply was rejected; {@code lastReason} is the last one's reason. */
        record GaveUp(String lastReason, int attempts, List<String> rejections) implements Outcome {
            public GaveUp {
                rejections = List.copyOf(rejections);
                if (attempts < 1 || rejections.size() != attempts || !rejections.getLast().equals(lastReason)) {
                    throw new IllegalArgumentException("a run that gave up has one rejection per attempt, the last being lastReason");
                }
            }
        }
    }
}
