package dev.evolve.engine.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Chooses the model for each request: at first in proportion to the configured weights, then increasingly
 * favouring models whose children improve most per unit of cost. Thread-safe; deterministic given the
 * {@link RandomGenerator} and the order of calls.
 *
 * <p>The rule is a shrinkage estimate mixed with exploration. For model {@code m} with configured weight
 * {@code w_m}, summed reported improvement {@code I_m} and summed cost {@code C_m}, its efficiency estimate is
 * {@code q_m = (I_m + p * k * c_m) / (C_m + k * c_m)}, where {@code p} is the pooled efficiency of all models,
 * {@code c_m} the model's mean cost per report and {@code k} the prior's strength in reports: a model with few
 * reports stays near the pool, one with many is judged on its own record (a model with none scores {@code p}).
 * The pick probability is
 * {@code P(m) = g * w_m / sum(w) + (1 - g) * w_m * q_m / sum(w * q)}; the exploration share {@code g} keeps
 * every model sampled so a model that started badly can recover. Negative improvements count as zero (a failed
 * child improves nothing), and costs are floored at {@code costFloor} so a free local model gets a finite score.
 *
 * <pre>{@code
 * var mix = new AdaptiveModelMix(Map.of("small", 3.0, "large", 1.0), new SplittableRandom(42));
 * String model = mix.pick();
 * ... mix.report(model, speedupGain, completionCost);
 * }</pre>
 */
public final class AdaptiveModelMix {

    /** Exploration share, the prior's strength in reports, and the least cost a report counts. */
    public record Tuning(double exploration, double priorReports, double costFloor) {
        public Tuning {
            if (!(exploration >= 0 && exploration <= 1)) {
                throw new IllegalArgumentException("exploration: must be in [0, 1], was " + exploration);
            }
            if (!(priorReports > 0) || Double.isInfinite(priorReports)) {
                throw new IllegalArgumentException("priorReports: must be positive and finite, was " + priorReports);
            }
            if (!(costFloor > 0) || Double.isInfinite(costFloor)) {
                throw new IllegalArgumentException("costFloor: must be positive and finite, was " + costFloor);
            }
        }

        /** 10 % exploration, a prior worth 2 reports, a cost floor of 0.0001. */
        public static Tuning defaults() {
            return new Tuning(0.1, 2, 1e-4);
        }
    }

    private static final class Arm {
        final double weight;
        double improvement;
        double cost;
        long reports;

        Arm(double weight) {
            this.weight = weight;
        }
    }

    private final Map<String, Arm> arms = new LinkedHashMap<>();
    private final RandomGenerator random;
    private final Tuning tuning;

    public AdaptiveModelMix(Map<String, Double> weights, RandomGenerator random) {
        this(weights, random, Tuning.defaults());
    }

    /**
     * @param weights configured weight per model name, iterated in a fixed order (use a sorted or linked map for
     *     reproducibility; other maps are sorted by name)
     */
    public AdaptiveModelMix(Map<String, Double> weights, RandomGenerator random, Tuning tuning) {
        Objects.requireNonNull(weights, "weights");
        this.random = Objects.requireNonNull(random, "random");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights: at least one model is required");
        }
        List<String> names = weights instanceof LinkedHashMap<String, Double> || weights instanceof java.util.SortedMap<String, Double>
                ? List.copyOf(weights.keySet())
                : weights.keySet().stream().sorted().toList();
        for (String name : names) {
            Double weight = weights.get(name);
            if (weight == null || !(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of model " + name + ": must be positive and finite, was " + weight);
            }
            arms.put(name, new Arm(weight));
        }
    }

    /** Builds a mix from the specs' models and weights, in the specs' order. */
    public static AdaptiveModelMix of(List<ModelSpec> specs, RandomGenerator random) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            if (weights.put(spec.model(), spec.weight()) != null) {
                throw new IllegalArgumentException("model " + spec.model() + " is configured twice");
            }
        }
        return new AdaptiveModelMix(weights, random);
    }

    /** Draws the model for the next request. */
    public synchronized String pick() {
        Map<String, Double> probabilities = probabilities();
        double u = random.nextDouble();
        String last = null;
        for (var entry : probabilities.entrySet()) {
            last = entry.getKey();
            u -= entry.getValue();
            if (u < 0) {
                return last;
            }
        }
        return last; // rounding left u a hair above zero
    }

    /**
     * Reports how a request to {@code model} turned out.
     *
     * @param improvement the gain its child brought (e.g. speedup over the parent minus one); negative counts as 0
     * @param cost what the request cost (same unit as the prices)
     */
    public synchronized void report(String model, double improvement, double cost) {
        Arm arm = arms.get(model);
        if (arm == null) {
            throw new IllegalArgumentException("unknown model " + model + "; configured: " + arms.keySet());
        }
        if (Double.isNaN(improvement) || Double.isNaN(cost) || cost < 0) {
            throw new IllegalArgumentException("report for " + model + ": improvement and cost must be numbers, cost >= 0; were "
                    + improvement + ", " + cost);
        }
        arm.improvement += Double.isInfinite(improvement) ? 0 : Math.max(0, improvement);
        arm.cost += Math.max(cost, tuning.costFloor());
        arm.reports++;
    }

    /** The current pick probability of every model, in configuration order; they sum to 1. */
    public synchronized Map<String, Double> probabilities() {
        double totalImprovement = 0, totalCost = 0, totalWeight = 0;
        for (Arm arm : arms.values()) {
            totalImprovement += arm.improvement;
            totalCost += arm.cost;
            totalWeight += arm.weight;
        }
        double pooled = totalCost > 0 ? totalImprovement / totalCost : 0;
        Map<String, Double> scores = new LinkedHashMap<>();
        double totalScore = 0;
        for (var entry : arms.entrySet()) {
            Arm arm = entry.getValue();
            double priorCost = arm.reports == 0 ? 0 : tuning.priorReports() * arm.cost / arm.reports;
            double efficiency = arm.reports == 0 ? pooled : (arm.improvement + pooled * priorCost) / (arm.cost + priorCost);
            double score = arm.weight * efficiency;
            scores.put(entry.getKey(), score);
            totalScore += score;
        }
        double exploration = totalScore > 0 ? tuning.exploration() : 1.0; // nothing learned yet: weights alone
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (var entry : arms.entrySet()) {
            double byWeight = entry.getValue().weight / totalWeight;
            double byScore = totalScore > 0 ? scores.get(entry.getKey()) / totalScore : 0;
            probabilities.put(entry.getKey(), exploration * byWeight + (1 - exploration) * byScore);
        }
        return probabilities;
    }

    /** Reports received per model, in configuration order. */
    public synchronized Map<String, Long> reports() {
        Map<String, Long> counts = new LinkedHashMap<>();
        arms.forEach((name, arm) -> counts.put(name, arm.reports));
        return counts;
    }
}
