package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.kernels.Target;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The database record of an evaluated program, with the metrics the report and the prompts use. */
final class ChildRecords {

    private ChildRecords() {
    }

    static ProgramRecord of(Target target, String parentId, String source, int island, long iteration, String origin,
                            EvaluationOutcome outcome, Instant now) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        switch (outcome) {
            case EvaluationOutcome.Measured m -> {
                metrics.put("spread", m.timing().relativeSpread());
                double bytes = target.bytes(m.timing().size());
                if (bytes > 0) {
                    metrics.put("gbps", bytes / m.timing().medianNs());
                }
                metrics.put("seed_median_ns", (double) m.seedTiming().medianNs());
            }
            case EvaluationOutcome.CompileFailed c -> metrics.put("diagnostics", (double) c.diagnostics().size());
            case EvaluationOutcome.Incorrect i -> metrics.put("mismatch_size", (double) i.mismatch().size());
            case EvaluationOutcome.TimedOut t -> metrics.put("limit_ms", (double) t.limit().toMillis());
            case EvaluationOutcome.Scored s -> metrics.putAll(s.metrics());
            case EvaluationOutcome.Rejected r -> { }
            case EvaluationOutcome.Crashed c -> { }
        }
        return ProgramRecord.of(parentId, source, island, iteration, origin, truncated(outcome), metrics, now);
    }

    /** Keeps stored details bounded (a flood of diagnostics or a huge stack trace). */
    static EvaluationOutcome truncated(EvaluationOutcome outcome) {
        return switch (outcome) {
            case EvaluationOutcome.Rejected r -> new EvaluationOutcome.Rejected(truncate(r.reason(), 4000));
            case EvaluationOutcome.Crashed c -> new EvaluationOutcome.Crashed(c.kind(), truncate(c.message(), 2000),
                    truncate(c.stackTrace(), 4000), truncate(c.output(), 2000));
            case EvaluationOutcome.Scored s -> {
                Map<String, String> artifacts = new LinkedHashMap<>();
                s.artifacts().forEach((k, v) -> artifacts.put(k, truncate(v, 2000)));
                yield new EvaluationOutcome.Scored(s.primary(), s.value(), s.maximize(), s.metrics(), artifacts);
            }
            default -> outcome;
        };
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
