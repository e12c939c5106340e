package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainTest {

    @Test
    void seedToParallelRegisterBlockedVectorKernelStaysCorrect() {
        String s = Kernels.SEED;
        s = Kernels.apply(new LoopInterchange(), s, 0);
        System.out.println("=== interchange\n" + s);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new HoistInvariants(), s, 0);
        System.out.println("=== hoist\n" + s);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new VectorizeInnerLoop(), s, 0);
        System.out.println("=== vectorize\n" + s);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new RegisterBlock(), s, 44);
        System.out.println("=== register-block\n" + s);
        Kernels.assertCorrect(s);
        s = Kernels.apply(new ParallelizeOuterLoop(), s, 1);
        System.out.println("=== parallelize\n" + s);
        Kernels.assertCorrect(s);
        assertThat(s).contains("parallel()", "DoubleVector", "fma");
    }
}
