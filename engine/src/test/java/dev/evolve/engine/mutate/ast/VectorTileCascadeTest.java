package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.BenchLane;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.kernels.KernelTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vector register tiles on the ata example through the real cascade (static check, javac, the folder kernel's
 * reference and its check sizes 1 to 97 in a worker JVM): the library offers both variants to the folder target,
 * and the tiled seeds, alone and after row blocking, are measured (compiled and correct).
 */
class VectorTileCascadeTest {

    @TempDir
    static Path lockDir;
    static LocalWorkerPool pool;

    @BeforeAll
    static void start() {
        pool = LocalWorkerPool.start(WorkerLaunch.fromThisJvm(256, 2), 1, 1000);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void tiledAtaIsCorrectInWorkerJvms() throws InterruptedException {
        KernelTarget ata = ExampleKernelsCascadeTest.example("ata");
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("vector-tile(42)", ExampleKernelsCascadeTest.chain(ata, "vector-tile(42)"));
        variants.put("vector-tile-parallel(62)", ExampleKernelsCascadeTest.chain(ata, "vector-tile-parallel(62)"));
        variants.put("vector-tile-parallel(83)", ExampleKernelsCascadeTest.chain(ata, "vector-tile-parallel(83)"));
        variants.put("tile+vector-tile-parallel", ExampleKernelsCascadeTest.chain(ata, "tile(640)", "vector-tile-parallel(42)"));
        assertThat(variants.get("vector-tile-parallel(62)")).contains(".parallel().forEach(", ".fma(",
                "jdk.incubator.vector.DoubleVector");
        assertMeasured(ata, variants);

        // blur3x3: rows outer, border peeled off both loops, then the interior's 3 x 3 window as the reduction
        KernelTarget blur = ExampleKernelsCascadeTest.example("blur3x3");
        Map<String, String> blurVariants = new LinkedHashMap<>();
        blurVariants.put("permute+peel+peel+vector-tile", ExampleKernelsCascadeTest.chain(blur, "permute(0)",
                "peel-boundary(0)", "peel-boundary(0)", "vector-tile(22)"));
        // both borders peeled in one step
        blurVariants.put("permute+peel(1)+vector-tile", ExampleKernelsCascadeTest.chain(blur, "permute(0)",
                "peel-boundary(1)", "vector-tile(22)"));
        assertMeasured(blur, blurVariants);
    }

    private static void assertMeasured(KernelTarget target, Map<String, String> variants) throws InterruptedException {
        try (Cascade cascade = Cascade.using(pool, BenchLane.at(lockDir.resolve("bench.lock")), target,
                ExampleKernelsCascadeTest.CONFIG, new JavaParserStaticCheck(), null)) {
            for (var v : variants.entrySet()) {
                EvaluationOutcome outcome = cascade.evaluate(v.getValue());
                assertThat(outcome).as("%s: %s\n%s", v.getKey(), outcome.detail(), v.getValue())
                        .isInstanceOf(EvaluationOutcome.Measured.class);
            }
        }
    }
}
