package dev.evolve.eval.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JmhSettingsTest {

    @Test
    void presetsMatchTheirDocumentation() {
        assertThat(JmhSettings.DEFAULT).extracting(JmhSettings::forks, JmhSettings::warmupIterations,
                        JmhSettings::warmupTime, JmhSettings::measurementIterations, JmhSettings::measurementTime)
                .containsExactly(1, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1));
        assertThat(JmhSettings.QUICK).extracting(JmhSettings::forks, JmhSettings::warmupIterations,
                        JmhSettings::warmupTime, JmhSettings::measurementIterations, JmhSettings::measurementTime)
                .containsExactly(1, 1, Duration.ofMillis(200), 2, Duration.ofMillis(200));
    }

    @Test
    void processTimeoutCoversEveryIterationOfEveryFork() {
        JmhSettings two = JmhSettings.of(2, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1));
        assertThat(two.processTimeout()).isGreaterThan(JmhSettings.DEFAULT.processTimeout())
                .isGreaterThan(Duration.ofSeconds(2 * 8));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> JmhSettings.of(0, 1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JmhSettings.of(1, 1, Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JmhSettings.of(1, 1, Duration.ZERO, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
