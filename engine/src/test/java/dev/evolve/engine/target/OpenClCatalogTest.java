package dev.evolve.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.Target;
import dev.evolve.kernels.opencl.OpenClTarget;
import org.junit.jupiter.api.Test;

class OpenClCatalogTest {

    @Test
    void openClTargetsAreBuiltInsAndCanBeResized() {
        assertThat(TargetCatalog.builtIns()).extracting(Target::name)
                .contains("matmul-opencl", "matvec-opencl", "transpose-opencl");
        Target t = TargetCatalog.resolve("matmul-opencl", null);
        assertThat(t.language()).isEqualTo("opencl-c");
        assertThat(t.fileName()).isEqualTo("matmul.cl");
        assertThat(t.timingSize()).isEqualTo(1024);
        assertThat(t.bandwidthBound()).isFalse();
        assertThat(TargetCatalog.resolve("matvec-opencl", null).bandwidthBound()).isTrue();
        Target small = TargetCatalog.resolve("matmul-opencl", 128);
        assertThat(small).isInstanceOf(OpenClTarget.class);
        assertThat(small.timingSize()).isEqualTo(128);
        assertThat(((OpenClTarget) small).kernelName()).isEqualTo("matmul");
        assertThat(small.seedSource()).isEqualTo(t.seedSource());
    }
}
