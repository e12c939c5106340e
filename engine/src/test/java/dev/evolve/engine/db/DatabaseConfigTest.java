package dev.evolve.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void defaultsAreValidAndFillBinsFromTheBuiltIns() {
        DatabaseConfig c = DatabaseConfig.defaults();
        assertThat(c.islands()).isEqualTo(4);
        assertThat(c.featureBins()).containsExactly(Map.entry("code_size", 6), Map.entry("vector_api", 2),
                Map.entry("parallel", 2), Map.entry("loop_depth", 6));
        assertThat(c.cellsPerIsland()).isEqualTo(6 * 2 * 2 * 6);
        assertThat(c.exploitationRatio()).isEqualTo(0.7);
        assertThat(c.withFeatures(List.of("for_loops"), Map.of("for_loops", 3)).featureBins())
                .containsExactly(Map.entry("for_loops", 3));
    }

    @Test
    void invalidFieldsAreNamed() {
        DatabaseConfig c = DatabaseConfig.defaults();
        assertThatThrownBy(() -> c.withIslands(0)).hasMessageStartingWith("islands");
        assertThatThrownBy(() -> c.withExploitationRatio(1.5)).hasMessageStartingWith("exploitationRatio");
        assertThatThrownBy(() -> c.withExploitationRatio(Double.NaN)).hasMessageStartingWith("exploitationRatio");
        assertThatThrownBy(() -> c.withInspirations(-1)).hasMessageStartingWith("inspirations");
        assertThatThrownBy(() -> c.withMigrationInterval(-1)).hasMessageStartingWith("migrationInterval");
        assertThatThrownBy(() -> c.withResetInterval(-1)).hasMessageStartingWith("resetInterval");
        assertThatThrownBy(() -> c.withFeatures(List.of(), Map.of())).hasMessageStartingWith("featureDimensions");
        assertThatThrownBy(() -> c.withFeatures(List.of("parallel", "parallel"), Map.of()))
                .hasMessageStartingWith("featureDimensions");
        assertThatThrownBy(() -> c.withFeatures(List.of("parallel"), Map.of("code_size", 3)))
                .hasMessageStartingWith("featureBins names code_size");
        assertThatThrownBy(() -> c.withFeatures(List.of("parallel"), Map.of("parallel", 0)))
                .hasMessageStartingWith("featureBins[parallel]");
        assertThatThrownBy(() -> c.withFeatures(List.of("mine"), Map.of()))
                .hasMessageContaining("custom dimension mine");
        assertThatThrownBy(() -> c.withFeatures(List.of("code_size", "loop_depth"),
                Map.of("code_size", 2000, "loop_depth", 2000))).hasMessageContaining("cells per island");
    }
}
