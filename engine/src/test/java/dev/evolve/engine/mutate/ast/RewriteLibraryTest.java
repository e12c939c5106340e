package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.kernels.EvolveBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RewriteLibraryTest {

    private final List<Rewrite> library = RewriteLibrary.forMatmul();

    @Test
    void namesAreUniqueAndTheOrderIsStable() {
        List<String> names = library.stream().map(Rewrite::name).toList();
        assertThat(names).doesNotHaveDuplicates()
                .startsWith("interchange", "hoist", "parallelize", "vectorize-fma", "register-block");
        assertThat(RewriteLibrary.forMatmul().stream().map(Rewrite::name).toList()).isEqualTo(names);
        library.forEach(r -> {
            assertThat(r.knobs()).isNotEmpty();
            assertThat(r.description()).isNotBlank().doesNotContain("\n");
        });
    }

    @Test
    void neverThrowsOnJunkOrDamagedInput() {
        List<String> inputs = new ArrayList<>(List.of("", "class X {}", "}}}{{{", Kernels.SEED.replace(EvolveBlock.START, ""),
                Kernels.SEED.substring(0, Kernels.SEED.length() / 2),
                Kernels.SEED.replace("for (int k", "for (int k int"),
                Kernels.SEED.replace("public void multiply", "public void")));
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            char[] chars = Kernels.SEED.toCharArray();
            for (int m = 0; m < 3; m++) {
                chars[rnd.nextInt(chars.length)] = "{}();=+*[]ijkn0 ".charAt(rnd.nextInt(16));
            }
            inputs.add(new String(chars));
        }
        for (Rewrite r : library) {
            for (int knob : r.knobs()) {
                for (String input : inputs) {
                    assertThatCode(() -> {
                        Optional<String> out = r.apply(input, knob);
                        out.ifPresent(o -> Kernels.assertOutsideUnchanged(input, o));
                    }).as("%s(%d)", r.name(), knob).doesNotThrowAnyException();
                }
                assertThat(r.apply(null, knob)).isEmpty();
            }
        }
    }

    /** Every rewrite here is meant to preserve meaning; random chains from the seed must compile and stay correct. */
    @Test
    void randomChainsFromTheSeedCompileAndStayCorrect() {
        SplittableRandom rnd = new SplittableRandom(2024);
        int applied = 0;
        for (int walk = 0; walk < 20; walk++) {
            String source = Kernels.SEED;
            StringBuilder path = new StringBuilder();
            for (int step = 0; step < 8; step++) {
                Rewrite r = library.get(rnd.nextInt(library.size()));
                int knob = r.knobs().get(rnd.nextInt(r.knobs().size()));
                Optional<String> out = r.apply(source, knob);
                if (out.isPresent()) {
                    Kernels.assertOutsideUnchanged(source, out.get());
                    path.append(r.name()).append('(').append(knob).append(") ");
                    source = out.get();
                    // load fails the test with javac's diagnostics; the check names the chain on a mismatch
                    assertThat(path).isNotEmpty();
                    Kernels.assertCorrect(source, 1, 7, 17, 67);
                    applied++;
                }
            }
        }
        assertThat(applied).as("rewrites that applied along the walks").isGreaterThan(30);
    }
}
