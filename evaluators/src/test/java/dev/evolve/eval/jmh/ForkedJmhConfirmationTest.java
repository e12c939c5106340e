package dev.evolve.eval.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.jmh.JmhConfirmation.JmhException;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JMH runs in real forked JVMs, kept to a few seconds each with the quick preset at n=64. */
class ForkedJmhConfirmationTest {

    private static final KernelTarget MATMUL = Targets.require("matmul");
    private static final int SIZE = 64;

    @TempDir
    Path dir;

    @Test
    void seedGetsAPositiveScoreWithRawSamples() throws InterruptedException {
        Path classes = Variants.compileTo(MATMUL, MATMUL.seedSource(), dir.resolve("seed"));
        EvaluationOutcome.Jmh jmh = new ForkedJmhConfirmation(JmhSettings.QUICK).confirm(MATMUL, classes, "Matmul", SIZE);
        assertThat(jmh.scoreMs()).isPositive();
        assertThat(jmh.rawMs()).hasSize(JmhSettings.QUICK.measurementIterations()).allSatisfy(r -> assertThat(r).isPositive());
        System.out.printf("seed n=%d quick JMH: %.4f ms/op (error %.4f), raw %s%n", SIZE, jmh.scoreMs(), jmh.errorMs(), jmh.rawMs());
    }

    @Test
    void forkSeesNoEnvironmentAndAPrivateTempDirectory() throws InterruptedException {
        // Correct only where no environment variable and no shared temp directory reach the code.
        String probe = Variants.withBody(MATMUL, """
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        boolean scrubbed = System.getenv().isEmpty()
                                && System.getProperty("java.io.tmpdir").contains("evolve-jmh-")
                                && System.getProperty("user.dir").contains("evolve-jmh-");
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                double sum = 0.0;
                                for (int k = 0; k < n; k++) {
                                    sum += a[i * n + k] * b[k * n + j];
                                }
                                c[i * n + j] = scrubbed ? sum : 0.0;
                            }
                        }
                    }
                """);
        Path classes = Variants.compileTo(MATMUL, probe, dir.resolve("probe"));
        assertThat(System.getenv()).isNotEmpty();
        assertThat(new ForkedJmhConfirmation(JmhSettings.QUICK).confirm(MATMUL, classes, "Matmul", 16).scoreMs()).isPositive();
    }

    @Test
    void wrongVariantGetsNoScore() {
        Path classes = Variants.compileTo(MATMUL, Variants.zeros(MATMUL), dir.resolve("zeros"));
        assertThatThrownBy(() -> new ForkedJmhConfirmation(JmhSettings.QUICK).confirm(MATMUL, classes, "Matmul", SIZE))
                .isInstanceOf(JmhException.class)
                .hasMessageStartingWith("JMH failed (exit 1): java.lang.IllegalStateException: variant Matmul computed a wrong result");
    }

    @Test
    void everyInvocationOfTheForkStartsFromFreshNoise() throws InterruptedException {
        // "return at once when c already holds the answer" got 32,069x from a harness that verified
        // only at the end of an iteration; this probe fails the run if c ever looks answered on entry
        String probe = Variants.withMultiplyBody(MATMUL, """
                        if (Math.abs(c[0]) <= n && Math.abs(c[c.length - 1]) <= n) {
                            throw new IllegalStateException("c already held an answer: a shortcut would pay");
                        }
                        for (int i = 0; i < n; i++)
                            for (int j = 0; j < n; j++) {
                                double s = 0;
                                for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                                c[i * n + j] = s;
                            }
                """);
        Path classes = Variants.compileTo(MATMUL, probe, dir.resolve("early"));
        assertThat(new ForkedJmhConfirmation(JmhSettings.QUICK).confirm(MATMUL, classes, "Matmul", SIZE).scoreMs())
                .isPositive();
    }

    @Test
    void hungVariantIsKilledWithItsForks() {
        String spin = Variants.withBody(MATMUL, """
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        while (n > 0) {
                            c[0] += a[0];
                        }
                    }
                """);
        Path classes = Variants.compileTo(MATMUL, spin, dir.resolve("spin"));
        var jmh = new ForkedJmhConfirmation(JmhSettings.QUICK.withProcessTimeout(Duration.ofSeconds(6)));
        assertThatThrownBy(() -> jmh.confirm(MATMUL, classes, "Matmul", SIZE))
                .isInstanceOf(JmhException.class)
                .hasMessageContaining("ran past its limit");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void missingClassDirectoryIsRefusedBeforeForking() {
        assertThatThrownBy(() -> new ForkedJmhConfirmation(JmhSettings.QUICK).confirm(MATMUL, dir.resolve("absent"), "Matmul"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }
}
