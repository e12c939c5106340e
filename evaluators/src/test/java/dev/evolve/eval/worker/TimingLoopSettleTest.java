package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settling warm-up of Vector API candidates, on synthetic run times (no clock is judged). */
class TimingLoopSettleTest {

    /** Run times that fall from 100 to 10 over the first 40 calls (a JIT at work), then stay at 10. */
    static TimingLoop.FreshRun compiling(List<Boolean> calls) {
        return (sample, ordinal) -> {
            int k = calls.size();
            calls.add(sample);
            return k < 40 ? 100 - (90L * k) / 40 : 10;
        };
    }

    static final TimingPlan SHORT = new TimingPlan(1, 0, 60_000, 3, 3, 0, 3);

    @Test
    void aSettlingCandidateIsTimedOnlyOnceItsTimesStopFalling() throws Exception {
        List<Boolean> calls = new ArrayList<>();
        var result = (TimingLoop.Result.Samples) TimingLoop.runFresh(SHORT, 0, compiling(calls), true);
        assertThat(result.samplesNs()).containsOnly(10L);
        assertThat(calls.stream().filter(s -> !s).count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void withoutSettlingThePlansWarmUpAloneCounts() throws Exception {
        List<Boolean> calls = new ArrayList<>();
        var result = (TimingLoop.Result.Samples) TimingLoop.runFresh(SHORT, 0, compiling(calls), false);
        assertThat(result.samplesNs()).allMatch(t -> t > 10);
        assertThat(calls.stream().filter(s -> !s).count()).isEqualTo(1);
    }

    @Test
    void settledComparesTheLastTwoWindows() {
        assertThat(TimingLoop.settled(List.of(5L, 5L, 5L))).isFalse();
        assertThat(TimingLoop.settled(List.of(20L, 20L, 20L, 20L, 20L, 10L, 10L, 10L, 10L, 10L))).isFalse();
        assertThat(TimingLoop.settled(List.of(10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L))).isTrue();
        assertThat(TimingLoop.settled(List.of(10L, 10L, 10L, 10L, 10L, 12L, 12L, 12L, 12L, 12L))).as("slower is settled").isTrue();
    }

    @Test
    void aCandidateThatNeverSettlesIsBounded() throws Exception {
        // 20% faster on every call, for ever (within this test): only the bound of the extra warm-up ends it
        long[] t = {Long.MAX_VALUE / 4};
        int[] warmUps = {0};
        TimingLoop.FreshRun everFaster = (sample, ordinal) -> {
            Thread.sleep(20);
            warmUps[0] += sample ? 0 : 1;
            return t[0] = Math.max(1, t[0] / 10 * 8);
        };
        var result = TimingLoop.runFresh(SHORT, 0, everFaster, true);
        assertThat(result).isInstanceOf(TimingLoop.Result.Samples.class);
        assertThat(t[0]).as("still falling when the warm-up stopped").isGreaterThan(1000);
        assertThat(warmUps[0]).isGreaterThan(2 * TimingLoop.SETTLE_WINDOW);
    }
}
