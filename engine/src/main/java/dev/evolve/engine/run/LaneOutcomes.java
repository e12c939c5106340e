package dev.evolve.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What became of the model lane's requests, per model: new children, duplicates, near copies, rejected edits; and
 * the summary's {@code llm} figures made of them.
 */
final class LaneOutcomes {

    static final int NEW = 0;
    static final int DUPLICATES = 1;
    static final int NEAR_COPIES = 2;
    static final int REJECTED = 3;

    private static final ObjectMapper SNAKE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Map<String, long[]> outcomes = new TreeMap<>();
    private long requests;

    synchronized void requested() {
        requests++;
    }

    synchronized void count(String model, int what) {
        outcomes.computeIfAbsent(model, m -> new long[4])[what]++;
    }

    /** The lane's totals ({@code all}, indexed as the counts) and each model's figures, given its calls. */
    record Figures(long[] all, Map<String, Object> perModel) {
    }

    synchronized Figures figures(Map<String, Long> calls) {
        long[] all = new long[4];
        Map<String, Object> perModel = new LinkedHashMap<>();
        Set<String> models = new TreeSet<>(calls.keySet());
        models.addAll(outcomes.keySet());
        for (String model : models) {
            long[] o = outcomes.getOrDefault(model, new long[4]);
            long c = calls.getOrDefault(model, 0L);
            for (int i = 0; i < all.length; i++) {
                all[i] += o[i];
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("calls", c);
            one.put("new_children", o[NEW]);
            one.put("duplicates", o[DUPLICATES]);
            one.put("near_copies", o[NEAR_COPIES]);
            one.put("rejected_edits", o[REJECTED]);
            one.put("new_children_per_call", c == 0 ? 0.0 : o[NEW] / (double) c);
            perModel.put(model, one);
        }
        return new Figures(all, perModel);
    }

    /**
     * The summary's {@code llm} figures of these outcomes, given each model's edit calls, the calls for guidance
     * rewrites, the lane's guard, the accounting (its keys become snake_case like the rest of the summary) and the
     * model mix.
     */
    Map<String, Object> summary(Map<String, Long> calls, long guidanceCalls, LaneGuard guard, Object accounting,
                                Map<String, Double> mix) {
        long allCalls = calls.values().stream().mapToLong(Long::longValue).sum() + guidanceCalls;
        Figures figures = figures(calls);
        long[] all = figures.all();
        Map<String, Object> m = new LinkedHashMap<>();
        synchronized (this) {
            m.put("requests", requests);
        }
        m.put("calls", allCalls);
        m.put("guidance_calls", guidanceCalls);
        m.put("new_children", all[NEW]);
        m.put("duplicates", all[DUPLICATES]);
        m.put("near_copies", all[NEAR_COPIES]);
        m.put("new_children_per_call", allCalls == 0 ? 0.0 : all[NEW] / (double) allCalls);
        m.put("calls_without_new_child", guard.sinceNew());
        m.put("max_calls_per_child", guard.ceiling());
        m.put("per_model", figures.perModel());
        m.put("rejected_edits", all[REJECTED]);
        m.put("accounting", SNAKE.convertValue(accounting, new TypeReference<Map<String, Object>>() {
        }));
        m.put("model_mix", mix);
        return m;
    }
}
