package dev.evolve.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.Target;
import org.junit.jupiter.api.Test;

class TargetCatalogTest {

    @Test
    void resolvesBuiltInsAndResizesThem() {
        Target t = TargetCatalog.resolve("matmul", null);
        assertThat(t.name()).isEqualTo("matmul");
        assertThat(t.fileName()).isEqualTo("Matmul.java");
        assertThat(t.bandwidthBound()).isFalse();
        assertThat(TargetCatalog.resolve("matmul", 64).timingSize()).isEqualTo(64);
        assertThat(TargetCatalog.resolve("dot", null).bandwidthBound()).isTrue();
        assertThat(TargetCatalog.builtIns()).extracting(Target::name).contains("matmul", "dot", "histogram");
    }

    @Test
    void unknownNamesAndBadSizesSayWhatExists() {
        assertThatThrownBy(() -> TargetCatalog.resolve("matmull", null))
                .hasMessageContaining("unknown target 'matmull'").hasMessageContaining("matmul-f32");
        assertThatThrownBy(() -> TargetCatalog.resolve(" ", null)).hasMessageContaining("a target is required");
        assertThatThrownBy(() -> TargetCatalog.resolve("matmul", 0)).hasMessageContaining("must be >= 1");
    }
}
