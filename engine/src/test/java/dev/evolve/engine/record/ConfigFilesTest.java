package dev.evolve.engine.record;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsThenFileThenFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("run.yaml"), "islands: 6\nbudget: 90s\nseed: 7\n");
        Map<String, Object> flags = new HashMap<>();
        flags.put("seed", 9L);
        flags.put("workers", null);
        RunConfig c = ConfigFiles.effective("matmul", file, flags);
        assertThat(c.database().islands()).isEqualTo(6);
        assertThat(c.stop().duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.seed()).isEqualTo(9L);
        assertThat(c.evaluation().workers()).isEqualTo(RunConfig.defaults("matmul").evaluation().workers());
    }

    @Test
    void writtenConfigReadsBackEqual() {
        RunConfig c = ConfigFiles.effective("matmul", null, Map.of("iterations", 12L, "islands", 3));
        Path out = dir.resolve("config.yaml");
        ConfigFiles.write(c, out);
        assertThat(ConfigFiles.read(out)).isEqualTo(c);
    }

    @Test
    void invalidValuesNameTheKey() throws Exception {
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null, Map.of("islands", 0)))
                .hasMessageContaining("'islands'").hasMessageContaining("1..64");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null, Map.of("budget", "ten minutes")))
                .hasMessageContaining("'budget'").hasMessageContaining("not a duration");
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "islandz: 3\n");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", typo, Map.of()))
                .hasMessageContaining("'islandz'").hasMessageContaining("unknown key");
        Path wrongType = Files.writeString(dir.resolve("type.yaml"), "workers: many\n");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", wrongType, Map.of()))
                .hasMessageContaining("'workers'");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "islands: [3\n");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", broken, Map.of()))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("cannot read");
    }

    @Test
    void anIterationCountAloneDropsTheDefaultTimeBudget() {
        RunConfig c = ConfigFiles.effective("matmul", null, Map.of("iterations", 5L));
        assertThat(c.stop().duration()).isNull();
        assertThat(ConfigFiles.effective("matmul", null, Map.of("iterations", 5L, "budget", "1m")).stop().duration())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void durationsAcceptCommonUnits() {
        assertThat(RunConfig.parseDuration("10m", "budget")).isEqualTo(Duration.ofMinutes(10));
        assertThat(RunConfig.parseDuration("1.5h", "budget")).isEqualTo(Duration.ofMinutes(90));
        assertThat(RunConfig.parseDuration("500ms", "budget")).isEqualTo(Duration.ofMillis(500));
        assertThat(RunConfig.parseDuration("30", "budget")).isEqualTo(Duration.ofSeconds(30));
    }
}
