package dev.evolve.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdaptiveModelMixTest {

    private static Map<String, Double> weights() {
        var weights = new LinkedHashMap<String, Double>();
        weights.put("small", 3.0);
        weights.put("large", 1.0);
        return weights;
    }

    @Test
    void beforeAnyReportThePicksFollowTheWeights() {
        var mix = new AdaptiveModelMix(weights(), new SplittableRandom(1));
        assertThat(mix.probabilities().get("small")).isCloseTo(0.75, within(1e-12));
        int small = 0;
        for (int i = 0; i < 4000; i++) {
            if (mix.pick().equals("small")) {
                small++;
            }
        }
        assertThat(small / 4000.0).isCloseTo(0.75, within(0.03));
    }

    @Test
    void theModelImprovingMorePerUnitOfCostGainsShareButOthersAreStillExplored() {
        var mix = new AdaptiveModelMix(weights(), new SplittableRandom(1));
        for (int i = 0; i < 50; i++) {
            mix.report("small", 0.0, 0.001);  // cheap, never helps
            mix.report("large", 0.2, 0.01);   // dearer, often helps
        }
        Map<String, Double> p = mix.probabilities();
        assertThat(p.get("large")).isGreaterThan(0.8);
        assertThat(p.get("small")).isGreaterThanOrEqualTo(0.1 * 0.75 - 1e-12); // the exploration share
        assertThat(p.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(mix.reports()).containsEntry("small", 50L).containsEntry("large", 50L);
    }

    @Test
    void theSameSeedAndReportsGiveTheSamePicks() {
        assertThat(run(42)).isEqualTo(run(42));
        assertThat(run(42)).isNotEqualTo(run(43));
    }

    private static List<String> run(long seed) {
        var mix = new AdaptiveModelMix(weights(), new SplittableRandom(seed));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String model = mix.pick();
            picks.add(model);
            mix.report(model, model.equals("large") ? 0.1 : 0.01, 0.002);
        }
        return picks;
    }

    @Test
    void badInputIsRejected() {
        var mix = new AdaptiveModelMix(weights(), new SplittableRandom(1));
        assertThatThrownBy(() -> mix.report("medium", 1, 1)).hasMessageContaining("unknown model medium");
        assertThatThrownBy(() -> mix.report("small", Double.NaN, 1)).hasMessageContaining("small");
        assertThatThrownBy(() -> new AdaptiveModelMix(Map.of(), new SplittableRandom(1))).hasMessageContaining("weights");
        assertThatThrownBy(() -> new AdaptiveModelMix(Map.of("a", -1.0), new SplittableRandom(1))).hasMessageContaining("model a");
    }
}
