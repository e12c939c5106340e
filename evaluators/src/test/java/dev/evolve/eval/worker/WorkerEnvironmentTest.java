package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.StreamCapture;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerEnvironmentTest {

    @Test
    void minimalKeepsNothingOfTheEngine() {
        var engine = Map.of("OPENAI_API_KEY", "sk-1", "EVOLVE_MODEL", "x", "PATH", "/usr/bin", "HOME", "/root");

        assertThat(WorkerEnvironment.minimal().variables(engine)).isEqualTo(Map.of("LANG", "C.UTF-8"));
    }

    @Test
    void launchCommandCapsHeapAndProcessorsAndNeverLimitsTiers() {
        var launch = new WorkerLaunch(Path.of("/jdk/bin/java"), "a.jar:b.jar", 512, 3, WorkerEnvironment.minimal(),
                Path.of("/tmp"), List.of(), false, dev.evolve.eval.sandbox.Sandbox.none());
        var cmd = launch.command(Path.of("/tmp/evolve-worker-1"));

        assertThat(cmd).startsWith("/jdk/bin/java")
                .contains("-Xmx512m", "-XX:ActiveProcessorCount=3", "jdk.incubator.vector",
                        "-Djava.io.tmpdir=/tmp/evolve-worker-1", "a.jar:b.jar")
                .noneMatch(o -> o.contains("TieredStopAtLevel"))
                .endsWith(WorkerMain.class.getName());
        assertThatThrownBy(() -> new WorkerLaunch(Path.of("java"), "", 512, 1, WorkerEnvironment.minimal(),
                Path.of("/tmp"), List.of("-XX:TieredStopAtLevel=1"), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relativeClassPathEntriesBecomeAbsolute() {
        String cp = WorkerLaunch.absolute("a/classes" + java.io.File.pathSeparator + "/abs/b.jar");

        assertThat(cp.split(java.io.File.pathSeparator)).containsExactly(
                Path.of("a/classes").toAbsolutePath().normalize().toString(), "/abs/b.jar");
    }

    @Test
    void aotCacheOnlyForAllJarClassPathsAndKeyedByTheLaunch(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path jar = java.nio.file.Files.writeString(dir.resolve("a.jar"), "not really a jar");
        Path classes = java.nio.file.Files.createDirectories(dir.resolve("classes"));
        var jars = new WorkerLaunch(Path.of("/jdk/bin/java"), jar.toString(), 512, 2, WorkerEnvironment.minimal(),
                dir, List.of(), true);

        var cache = AotCache.forLaunch(jars);
        assertThat(cache).isPresent();
        assertThat(cache.get().file().getParent()).isEqualTo(dir);
        assertThat(cache.get().exists()).isFalse();
        assertThat(cache.get().useOptions()).isEmpty();
        assertThat(AotCache.forLaunch(new WorkerLaunch(Path.of("/jdk/bin/java"), jar.toString(), 256, 2,
                WorkerEnvironment.minimal(), dir, List.of(), true)).orElseThrow().file())
                .isNotEqualTo(cache.get().file());
        assertThat(AotCache.forLaunch(new WorkerLaunch(Path.of("/jdk/bin/java"),
                jar + java.io.File.pathSeparator + classes, 512, 2, WorkerEnvironment.minimal(), dir, List.of(), true)))
                .isEmpty();
    }

    @Test
    void outputCaptureKeepsTheHeadAndCountsTheRest() throws Exception {
        byte[] big = new byte[10_000];
        java.util.Arrays.fill(big, (byte) 'x');
        var capture = StreamCapture.head(new ByteArrayInputStream(big), 1000, "test-capture");
        capture.awaitEnd(5000);

        assertThat(capture.text()).startsWith("x".repeat(1000)).endsWith("[output truncated: 9000 more bytes]");
        capture.reset();
        assertThat(capture.text()).isEmpty();
    }
}
