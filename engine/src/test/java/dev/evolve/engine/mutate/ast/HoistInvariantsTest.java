package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoistInvariantsTest {

    private final HoistInvariants rewrite = new HoistInvariants();

    @Test
    void hoistsInvariantLoadAndIndexArithmeticOutOfTheInnerLoop() {
        String out = Kernels.apply(rewrite, Shapes.ikj(), 0);
        assertThat(Kernels.body(out))
                .contains("int iN = i * n;")
                .contains("double aik = a[iN + k];")
                .contains("int kN = k * n;")
                .contains("c[iN + j] += aik * b[kN + j];");
        // i * n is computed once per row, before both j loops
        assertThat(Kernels.body(out).indexOf("int iN = i * n;")).isLessThan(Kernels.body(out).indexOf("c[iN + j] = 0.0"));
        Kernels.assertCorrect(out);
    }

    @Test
    void isIdempotent() {
        assertThat(rewrite.apply(Shapes.hoisted(), 0)).isEmpty();
    }

    @Test
    void hoistsRowOffsetInTheSeed() {
        String out = Kernels.apply(rewrite, Kernels.SEED, 0);
        assertThat(Kernels.body(out)).contains("int iN = i * n;").contains("sum += a[iN + k] * b[k * n + j];");
        Kernels.assertCorrect(out);
    }

    @Test
    void accumulatesInALocalAcrossTheInnerLoop() {
        // i-j-k with accumulation straight into c: c[i*n+j] is invariant in the k loop
        String ijkAccumulating = Kernels.apply(new LoopInterchange(), Shapes.ikj(), 0);
        String out = Kernels.apply(rewrite, ijkAccumulating, 1);
        assertThat(Kernels.body(out))
                .contains("double cAcc = c[i * n + j];")
                .contains("cAcc += a[i * n + k] * b[k * n + j];")
                .contains("c[i * n + j] = cAcc;");
        Kernels.assertCorrect(out);
    }

    @Test
    void accumulationDeclinesWhenTheElementMovesWithTheLoop() {
        assertThat(rewrite.apply(Shapes.ikj(), 1)).isEmpty();
    }
}
