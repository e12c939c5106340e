package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The headline chain: seed -> interchange -> hoist -> vectorize -> register-block -> parallelize, correct at every step. */
class ChainTest {

    @ParameterizedTest
    @ValueSource(ints = {44, 144, 82})
    void seedToParallelRegisterBlockedVectorKernelStaysCorrect(int tile) {
        String s = Kernels.SEED;
        s = Kernels.apply(new LoopInterchange(), s, 0);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new HoistInvariants(), s, 0);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new VectorizeInnerLoop(), s, 0);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new RegisterBlock(), s, tile);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new ParallelizeOuterLoop(), s, 1);
        Kernels.assertCorrect(s, 1, 7, 17, 64, 67, 129);
        assertThat(s).contains(".parallel().forEach(", "DoubleVector.zero(SPECIES)", ".fma(");
        assertThat(Kernels.body(s)).doesNotContain("sum += a[i * n + k] * b[k * n + j]");
    }

    @Test
    void showcaseParsesChainSpecs() {
        assertThat(RewriteChains.parseChain("interchange:1, register-block:44,transpose"))
                .extracting(RewriteChains.Step::label)
                .containsExactly("interchange(1)", "register-block(44)", "transpose(0)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RewriteChains.parseChain("unroll:3"))
                .hasMessageContaining("takes knobs");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RewriteChains.parseChain("nope:0"))
                .hasMessageContaining("no rewrite named nope");
    }

    @Test
    void showcaseChainIsTheOneTestedHere() {
        assertThat(RewriteChains.bestChain()).extracting(RewriteChains.Step::label)
                .containsExactly("interchange(0)", "hoist(0)", "vectorize-fma(0)", "register-block(144)", "parallelize(1)");
    }
}
