package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;

import java.io.StringWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked examples in {@code kernels/examples/}, end to end through the command line with real
 * workers and processes: a Java kernel folder, a Python program judged by a command, and points
 * judged by a plug-in compiled from the example's source. Runs of the scored examples are
 * deterministic (their evaluators are), so they must improve on the seed.
 */
class FolderTargetsTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    static final Path EXAMPLES = Path.of("..", "kernels", "examples").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private int evolve(String... args) {
        console.reset();
        return EvolveCommand.execute(args);
    }

    private String errText() {
        return console.err();
    }

    private static JsonNode summary(Path run) throws IOException {
        return JSON.readTree(run.resolve("summary.json").toFile());
    }

    static void assumePython() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/usr/local/bin/python3")),
                "skipped: no python3 on this machine (the scheduling example's evaluator is a Python script)");
    }

    @Test
    void aJavaKernelFolderRunsThroughTheCascade() throws Exception {
        Path run = dir.resolve("atx");
        int code = evolve("run", EXAMPLES.resolve("atx").toString(), "--iterations", "20", "--timing-size", "128",
                "--no-jmh", "--out", run.toString());
        assertThat(code).as(errText()).isZero();
        JsonNode s = summary(run);
        assertThat(s.path("target").asText()).isEqualTo("atx");
        assertThat(s.path("candidates_evaluated").asLong()).isEqualTo(20);
        assertThat(s.path("status_counts").path("measured").asLong()).isPositive();
        assertThat(s.path("best_gflops").asDouble()).isPositive();
        assertThat(s.has("primary_metric")).isFalse();
        assertThat(Files.readString(run.resolve("best.java"))).contains("class Atx implements ArrayKernel")
                .contains("EVOLVE-BLOCK-START");
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("target: " + EXAMPLES.resolve("atx"));
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"target\" : \"atx\"");
    }

    /** Every Java kernel example: its seed is measured through the whole cascade (at a small size). */
    @ParameterizedTest
    @ValueSource(strings = {"atx", "ata", "blur3x3", "row-norms"})
    void everyJavaKernelExamplesSeedIsMeasured(String example) throws Exception {
        Path folder = EXAMPLES.resolve(example);
        Path seed;
        try (var files = Files.list(folder)) {
            seed = files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Reference.java")).findFirst()
                    .orElseThrow();
        }
        int code = evolve("eval", folder.toString(), seed.toString(), "--timing-size", "64", "--workers", "1", "--json");
        assertThat(code).as(errText()).isZero();
        String json = console.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(JSON.readTree(json).path("status").asText()).as(json).isEqualTo("measured");
    }

    @Test
    void aPythonProgramJudgedByACommandImprovesAndResumes() throws Exception {
        assumePython();
        Path run = dir.resolve("scheduling");
        Path folder = EXAMPLES.resolve("scheduling");
        assertThat(evolve("run", folder.toString(), "--iterations", "12", "--out", run.toString())).as(errText()).isZero();
        assertThat(console.out()).contains("best score = ").contains("(seed 1.93019)");
        Files.writeString(run.resolve("config.yaml"),
                Files.readString(run.resolve("config.yaml")).replace("iterations: 12", "iterations: 24"));
        assertThat(evolve("resume", run.toString())).as(errText()).isZero();
        JsonNode s = summary(run);
        assertThat(s.path("candidates_evaluated").asLong()).isEqualTo(24);
        assertThat(s.path("primary_metric").asText()).isEqualTo("score");
        assertThat(s.path("seed_score").asDouble()).isCloseTo(1.93019, within(1e-4));
        assertThat(s.path("best_score").asDouble()).isGreaterThan(s.path("seed_score").asDouble());
        assertThat(s.path("best_speedup").asDouble()).isZero();
        assertThat(Files.readString(run.resolve("best.py"))).contains("def priority(weight, processing, waited):");
        assertThat(Files.readAllLines(run.resolve("events.jsonl"))).anyMatch(l -> l.contains("\"new_best\"")
                && l.contains("\"primary_metric\":\"score\""));

        Path variant = Files.writeString(dir.resolve("heuristic.py"), Files.readString(folder.resolve("heuristic.py"))
                .replace("return weight ** 0.5", "return 'urgent' if waited > 1 else weight ** 0.5"));
        assertThat(evolve("eval", folder.toString(), variant.toString(), "--json")).as(errText()).isZero();
        JsonNode rejected = JSON.readTree(console.out().lines().toList().getLast());
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("detail").asText()).contains("returned 'urgent', not a number");
    }

    @Test
    void pointsJudgedByAPlugInFromTheExamplesSourceImproveWithGoalMinimize() throws Exception {
        Path jar = buildExamplePlugin(dir.resolve("plugin"));
        Path folder = EXAMPLES.resolve("spread-points");
        assertThat(evolve("eval", folder.toString(), folder.resolve("points.txt").toString(), "--json",
                "--evaluator-jar", jar.toString())).as(errText()).isZero();
        JsonNode seed = JSON.readTree(console.out().lines().toList().getLast());
        assertThat(seed.path("status").asText()).isEqualTo("measured");
        assertThat(seed.path("primary_metric").asText()).isEqualTo("energy");
        assertThat(seed.path("goal").asText()).isEqualTo("minimize");
        assertThat(seed.path("metrics").path("min_distance").asDouble()).isCloseTo(0.1, within(1e-9));
        assertThat(seed.path("artifacts").path("hint").asText()).contains("closest pair");

        Path run = dir.resolve("points");
        assertThat(evolve("run", folder.toString(), "--iterations", "40", "--evaluator-jar", jar.toString(),
                "--out", run.toString())).as(errText()).isZero();
        JsonNode s = summary(run);
        assertThat(s.path("primary_metric").asText()).isEqualTo("energy");
        assertThat(s.path("best_score").asDouble()).isLessThan(s.path("seed_score").asDouble());
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("evaluator_jar: " + jar.toAbsolutePath());
        assertThat(Files.exists(run.resolve("best.txt"))).isTrue();
    }

    @Test
    void misuseIsAUsageErrorThatSaysWhatIsWrong() throws Exception {
        Path points = EXAMPLES.resolve("spread-points");
        assertThat(evolve("run", points.toString(), "--iterations", "1", "--out", dir.resolve("a").toString()))
                .isEqualTo(2);
        assertThat(errText()).contains("is judged by the plug-in example.SpreadPointsEvaluator: give its jar with "
                + "--evaluator-jar");
        assertThat(dir.resolve("a")).doesNotExist();
        Path notAJar = Files.writeString(dir.resolve("x.jar"), "no zip");
        assertThat(evolve("eval", points.toString(), points.resolve("points.txt").toString(), "--evaluator-jar",
                notAJar.toString())).isEqualTo(2);
        assertThat(errText()).contains("is not a jar");
        assertThat(evolve("eval", EXAMPLES.resolve("atx").toString(), EXAMPLES.resolve("atx/Atx.java").toString(),
                "--jmh")).isEqualTo(2);
        assertThat(errText()).contains("--jmh is not available for a folder's kernel");
        assertThat(evolve("eval", EXAMPLES.resolve("atx").toString(), EXAMPLES.resolve("atx/Atx.java").toString(),
                "--evaluator-jar", notAJar.toString())).isEqualTo(2);
        assertThat(errText()).contains("--evaluator-jar is for targets judged by a plug-in");

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("target.yaml"), "kind: scored\nlanguage: python\nseed: h.py\n");
        assertThat(evolve("seed", broken.toString())).isEqualTo(2);
        assertThat(errText()).contains(broken.resolve("target.yaml") + ": field 'seed': no such file 'h.py'");
        assertThat(evolve("seed", EXAMPLES.resolve("scheduling").toString())).isZero();
        assertThat(console.out()).contains("# EVOLVE-BLOCK-START");
    }

    /** Compiles the example's plug-in source against the engine's classes and packs it with its service file. */
    static Path buildExamplePlugin(Path work) throws IOException {
        Path plugin = EXAMPLES.resolve("spread-points/plugin");
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(
                        plugin.resolve("src/example/SpreadPointsEvaluator.java"))).call();
        assertThat(ok).as(messages.toString()).isTrue();
        Path jar = work.resolve("spread-points.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file)) {
            for (Path root : List.of(classes, plugin)) {
                try (Stream<Path> tree = Files.walk(root)) {
                    for (Path p : tree.filter(Files::isRegularFile).sorted().toList()) {
                        String name = root.relativize(p).toString().replace('\\', '/');
                        if (name.endsWith(".class") || name.startsWith("META-INF/")) {
                            zip.putNextEntry(new JarEntry(name));
                            zip.write(Files.readAllBytes(p));
                            zip.closeEntry();
                        }
                    }
                }
            }
        }
        return jar;
    }
}
