package dev.evolve.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.junit.jupiter.api.Test;

class JmhLauncherTest {

    @Test
    void argumentsRoundTrip() {
        var launch = JmhLauncher.defaults("matmul", "/tmp/v", "Matmul", 64, "/tmp/r.json");
        assertThat(JmhLauncher.parse(launch.toArgs().toArray(String[]::new))).isEqualTo(launch);
    }

    @Test
    void optionsSelectTheHarnessAndCarryTheParameters() {
        Options o = JmhLauncher.options(JmhLauncher.parse(new String[] {
                "matmul", "/tmp/v", "Matmul", "256", "2", "3", "1000", "5", "1500", "/tmp/r.json"}));
        assertThat(o.getIncludes()).singleElement().satisfies(regex ->
                assertThat(java.util.regex.Pattern.compile(regex).matcher(VariantBenchmark.class.getName() + ".invoke").find()).isTrue());
        assertThat(o.getParameter("classDir").get()).containsExactly("/tmp/v");
        assertThat(o.getParameter("className").get()).containsExactly("Matmul");
        assertThat(o.getParameter("size").get()).containsExactly("256");
        assertThat(o.getParameter("target").get()).containsExactly("matmul");
        assertThat(o.getForkCount().get()).isEqualTo(2);
        assertThat(o.getWarmupIterations().get()).isEqualTo(3);
        assertThat(o.getMeasurementTime().get()).isEqualTo(TimeValue.milliseconds(1500));
        assertThat(o.getResultFormat().get()).isEqualTo(ResultFormatType.JSON);
        assertThat(o.getResult().get()).isEqualTo("/tmp/r.json");
        assertThat(o.shouldFailOnError().get()).isTrue();
        assertThat(o.getJvmArgsAppend().get()).containsSubsequence("--add-modules", "jdk.incubator.vector");
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> JmhLauncher.parse(new String[] {"matmul"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 10 or 11 arguments");
        assertThatThrownBy(() -> JmhLauncher.parse(List.of("matmul", "/d", "M", "x", "1", "1", "1", "1", "1", "/r")
                .toArray(String[]::new)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size must be an integer");
        assertThatThrownBy(() -> JmhLauncher.parse(List.of("matmul", "/d", "M", "64", "0", "1", "1", "1", "1", "/r")
                .toArray(String[]::new)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forks");
    }
}
