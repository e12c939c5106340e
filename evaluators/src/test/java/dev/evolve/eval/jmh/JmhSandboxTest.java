package dev.evolve.eval.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.jmh.JmhConfirmation.JmhException;
import dev.evolve.eval.sandbox.Bubblewrap;
import dev.evolve.eval.sandbox.SandboxTesting;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile variant in a JMH fork (JMH's forks are the sandboxed launcher's children): a file it
 * writes outside does not appear, and the fork denies it native code. The variant fails loudly
 * when its attack works, so JMH's verdict says which wall held.
 */
class JmhSandboxTest {

    private static final KernelTarget MATMUL = Targets.require("matmul");

    @TempDir
    Path dir;
    @TempDir
    Path outside;

    @Test
    void aVariantInAJmhForkWritesNothingOutsideAndGetsNoNativeCode() {
        Bubblewrap bwrap = SandboxTesting.bubblewrap();
        Path escaped = outside.resolve("escaped");
        String hostile = Variants.withBody(MATMUL, """
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        try {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x");
                        } catch (java.io.IOException e) {
                            // the sandbox held
                        }
                        try {
                            Class<?> arena = Class.forName("java.lang.foreign.Arena");
                            Class.forName("java.lang.foreign.SymbolLookup").getMethod("libraryLookup", String.class, arena)
                                    .invoke(null, "libc.so.6", arena.getMethod("global").invoke(null));
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException("native walled: " + e.getCause());
                        }
                        throw new IllegalStateException("native code reached");
                    }
                """.formatted(escaped));
        Path classes = Variants.compileTo(MATMUL, hostile, dir.resolve("hostile"));

        assertThatThrownBy(() -> new ForkedJmhConfirmation(JmhSettings.QUICK, bwrap).confirm(MATMUL, classes, "Matmul", 16))
                .isInstanceOf(JmhException.class)
                .hasMessageContaining(Runtime.version().feature() >= 24
                        ? "native walled: java.lang.IllegalCallerException" : "IllegalStateException");
        assertThat(escaped).doesNotExist();
    }
}
