package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Register blocking of single-precision matmul: the double chain's kernel in FloatVectors, correct at odd sizes. */
class FloatRegisterBlockTest {

    private static final String TARGET = "matmul-f32";
    private static final int[] SIZES = {1, 3, 7, 17, 33, 67, 131};  // the target refuses order 0

    @ParameterizedTest
    @ValueSource(ints = {44, 82, 144, 183})
    void floatSeedToParallelRegisterTileStaysCorrect(int tile) {
        String s = TargetKernels.seed(TARGET);
        s = TargetKernels.apply(new LoopInterchange(), s, 0);
        s = TargetKernels.apply(new HoistInvariants(), s, 0);
        s = TargetKernels.apply(new VectorizeInnerLoop(), s, 0);
        s = TargetKernels.apply(new RegisterBlock(), s, tile);
        TargetKernels.assertCorrect(TARGET, s, SIZES);
        assertThat(s).contains("FloatVector.zero(SPECIES)", ".fma(", "VectorSpecies<Float>")
                .doesNotContain("DoubleVector", "double");
        s = TargetKernels.apply(new ParallelizeOuterLoop(), s, 1);
        TargetKernels.assertCorrect(TARGET, s, SIZES);
        assertThat(s).contains(".parallel().forEach(");
    }

    @Test
    void registerBlocksThePlainFloatIkjLoopToo() {
        String s = TargetKernels.apply(new LoopInterchange(), TargetKernels.seed(TARGET), 0);
        TargetKernels.assertCorrect(TARGET, TargetKernels.apply(new RegisterBlock(), s, 42), SIZES);
    }

    @Test
    void leavesMixedPrecisionAndUnimportedVectorTypesAlone() {
        String ikj = TargetKernels.apply(new LoopInterchange(), TargetKernels.seed(TARGET), 0);
        // C in double, A and B in float: no single lane type, so no register tile
        String mixed = ikj.replace("float[] c", "double[] c");
        assertThat(new RegisterBlock().apply(mixed, 44)).isEmpty();
        // FloatVector not imported outside the block: generated code could not name it
        String noImport = ikj.replace("import jdk.incubator.vector.FloatVector;\n", "");
        assertThat(noImport).isNotEqualTo(ikj);
        assertThat(new RegisterBlock().apply(noImport, 44)).isEmpty();
    }

    @Test
    void singlePrecisionTextTouchesOnlyTypesAndTheZeroLiteral() {
        assertThat(SinglePrecision.of("double s = 0.0; DoubleVector v = DoubleVector.zero(S); double2 = 10.0; x = 0.0f;"))
                .isEqualTo("float s = 0.0f; FloatVector v = FloatVector.zero(S); double2 = 10.0; x = 0.0f;");
    }
}
