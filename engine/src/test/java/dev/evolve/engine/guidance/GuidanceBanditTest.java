package dev.evolve.engine.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuidanceBanditTest {

    private static GuidanceMember member(String id, long children, double gainSum) {
        return new GuidanceMember(id, "guidance " + id, "seed", children, gainSum, children == 0 ? 0 : gainSum, List.of());
    }

    @Test
    void untriedGuidanceIsGivenBeforeAnyTriedOne() {
        var members = List.of(member("g1", 10, 5.0), member("g2", 0, 0), member("g3", 4, 0));
        var random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            assertThat(GuidanceBandit.pick(members, random)).isEqualTo(1);
        }
    }

    @Test
    void guidanceWhoseChildrenImprovedMoreIsSampledMoreYetTheOthersStillGetTurns() {
        var members = List.of(member("good", 10, 4.0), member("poor", 10, 0.0), member("fair", 10, 1.0));
        int[] picks = new int[3];
        var random = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            picks[GuidanceBandit.pick(members, random)]++;
        }
        assertThat(picks[0]).isGreaterThan(picks[2]);
        assertThat(picks[2]).isGreaterThan(picks[1]);
        assertThat(picks[0]).isGreaterThan(3 * picks[1]);
        assertThat(picks[1]).isPositive();                  // never starved: the bound and the prior keep it drawable
    }

    @Test
    void theSameRandomStateGivesTheSamePicks() {
        var members = List.of(member("a", 3, 0.3), member("b", 5, 1.0), member("c", 2, 0.0));
        var first = new SplittableRandom(42);
        var second = new SplittableRandom(42);
        for (int i = 0; i < 100; i++) {
            assertThat(GuidanceBandit.pick(members, first)).isEqualTo(GuidanceBandit.pick(members, second));
        }
    }

    @Test
    void fewChildrenWidenTheBound() {
        double[] w = GuidanceBandit.weights(List.of(member("many", 100, 10.0), member("few", 1, 0.1)), 101);
        assertThat(w[1] - 0.1).isGreaterThan(w[0] - 0.1 * 1.0);  // equal means: the less tried piece weighs more
        assertThatThrownBy(() -> GuidanceBandit.pick(List.of(), new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
