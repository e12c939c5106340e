package dev.evolve.engine.mutate.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HardwareFactsTest {

    @Test
    void widthComesFromTheFlagsLine() {
        assertThat(HardwareFacts.vectorBitsFromCpuInfo("processor\t: 0\nflags\t\t: fpu sse2 avx avx2 avx512f avx512dq\n"))
                .isEqualTo(512);
        assertThat(HardwareFacts.vectorBitsFromCpuInfo("flags\t\t: fpu sse2 avx fma avx2\nbugs\t\t: avx512f\n")).isEqualTo(256);
        assertThat(HardwareFacts.vectorBitsFromCpuInfo("flags\t\t: fpu sse2 avx avx2_fake\n")).isEqualTo(128);
        assertThat(HardwareFacts.vectorBitsFromCpuInfo("Features\t: fp asimd\n")).isEqualTo(128);
        assertThat(HardwareFacts.vectorBitsFromCpuInfo("")).isEqualTo(128);
    }

    @Test
    void detectDescribesThisMachine() {
        HardwareFacts facts = HardwareFacts.detect();
        assertThat(facts.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(facts.vectorBitsPreferred()).isIn(128, 256, 512);
        assertThat(facts.doublesPerVector()).isEqualTo(facts.vectorBitsPreferred() / 64);
    }

    @Test
    void invalidFactsAreRefused() {
        assertThatThrownBy(() -> new HardwareFacts(0, 256)).hasMessageContaining("cores");
        assertThatThrownBy(() -> new HardwareFacts(2, 384)).hasMessageContaining("128, 256 or 512");
    }
}
