package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.testing.Candidates;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a real AOT cache for a jar-only class path and starts a worker on it. */
class AotCacheTest {

    @TempDir
    Path dir;

    @Test
    void trainedCacheStartsAWorkingWorker() throws Exception {
        var launch = WorkerLaunch.fromThisJvm(256, 1);
        launch = new WorkerLaunch(launch.javaExecutable(), jarOnly(launch.classPath()), 256, 1,
                WorkerEnvironment.minimal(), dir, List.of(), true);
        AotCache cache = AotCache.forLaunch(launch).orElseThrow();

        assertThat(cache.train(launch)).as("training failed: %s", cache.failure()).isTrue();
        assertThat(cache.file()).isRegularFile();
        assertThat(cache.useOptions()).containsExactly("-XX:AOTCache=" + cache.file());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the training left only its cache").containsExactlyInAnyOrder(cache.file(), dir.resolve("classes.jar"));
        }

        WorkerProcess worker = WorkerProcess.start(launch, cache.useOptions(), Duration.ofSeconds(60));
        try {
            var target = new MatmulTarget(8);
            var compiled = worker.call(WorkerRequest.compile(target, Candidates.SEED, false), Duration.ofSeconds(30));
            var checked = worker.call(WorkerRequest.check(List.of(1, 3), 5L), Duration.ofSeconds(30));

            assertThat(((WorkerResponse.Replied) compiled).reply().kind()).isEqualTo(WorkerReply.Kind.COMPILED);
            assertThat(((WorkerResponse.Replied) checked).reply().kind()).isEqualTo(WorkerReply.Kind.PASSED);
        } finally {
            worker.kill();
        }
    }

    /** The class path with its directories packed into one jar, as in the shaded jar. */
    private String jarOnly(String classPath) throws IOException {
        Path jar = dir.resolve("classes.jar");
        List<String> entries = new ArrayList<>();
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            List<String> seen = new ArrayList<>();
            for (String e : classPath.split(File.pathSeparator)) {
                Path p = Path.of(e);
                if (!Files.isDirectory(p)) {
                    if (e.endsWith(".jar")) {
                        entries.add(e);
                    }
                    continue;
                }
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String name = p.relativize(f).toString().replace(File.separatorChar, '/');
                        if (!seen.contains(name)) {
                            seen.add(name);
                            out.putNextEntry(new JarEntry(name));
                            Files.copy(f, out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        entries.addFirst(jar.toString());
        return String.join(File.pathSeparator, entries);
    }
}
