package dev.evolve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The annotation processor ran: without META-INF/BenchmarkList, JMH finds no benchmark at all. */
class BenchmarkListTest {

    @Test
    void harnessIsListed() throws IOException {
        try (InputStream in = VariantBenchmark.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList on the class path").isNotNull();
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list).contains(VariantBenchmark.class.getName()).contains("invoke").contains("AverageTime");
        }
    }
}
