package dev.evolve.eval.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.jmh.JmhConfirmation.JmhException;
import org.junit.jupiter.api.Test;

class JmhResultJsonTest {

    private static final String BENCH = "dev.evolve.bench.VariantBenchmark.invoke";

    private static String result(String benchmark, String unit, String error) {
        return """
                [ { "jmhVersion" : "1.37", "benchmark" : "%s", "mode" : "avgt",
                    "primaryMetric" : { "score" : 1.5, "scoreError" : %s, "scoreUnit" : "%s",
                                        "rawData" : [ [ 1.4, 1.6 ], [ 1.5 ] ] },
                    "secondaryMetrics" : { } } ]
                """.formatted(benchmark, error, unit);
    }

    @Test
    void readsScoreErrorAndRawSamplesOfAllForks() {
        EvaluationOutcome.Jmh jmh = JmhResultJson.parse(result(BENCH, "ms/op", "0.25"), BENCH);
        assertThat(jmh.scoreMs()).isEqualTo(1.5);
        assertThat(jmh.errorMs()).isEqualTo(0.25);
        assertThat(jmh.rawMs()).containsExactly(1.4, 1.6, 1.5);
    }

    @Test
    void errorWrittenAsNaNStringIsNaN() {
        assertThat(JmhResultJson.parse(result(BENCH, "ms/op", "\"NaN\""), BENCH).errorMs()).isNaN();
    }

    @Test
    void otherBenchmarkOrUnitOrGarbageIsAnError() {
        assertThatThrownBy(() -> JmhResultJson.parse(result("other.Bench.run", "ms/op", "0.1"), BENCH))
                .isInstanceOf(JmhException.class).hasMessageContaining("no entry for " + BENCH);
        assertThatThrownBy(() -> JmhResultJson.parse(result(BENCH, "ops/s", "0.1"), BENCH))
                .isInstanceOf(JmhException.class).hasMessageContaining("ops/s");
        assertThatThrownBy(() -> JmhResultJson.parse("{ not json", BENCH))
                .isInstanceOf(JmhException.class).hasMessageContaining("not valid JSON");
    }
}
