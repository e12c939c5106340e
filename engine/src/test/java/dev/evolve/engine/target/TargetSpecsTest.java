package dev.evolve.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Folder specs: the worked examples load, and every malformed field is named with its file. */
class TargetSpecsTest {

    static final Path EXAMPLES = Path.of("..", "kernels", "examples");

    static final String SEED = """
            import dev.evolve.kernels.custom.ArrayKernel;

            public final class Saxpy implements ArrayKernel {
                // EVOLVE-BLOCK-START
                @Override
                public void run(int n, double[][] in, double[] out) {
                    for (int i = 0; i < n; i++) {
                        out[i] = in[0][0] * in[1][i] + in[2][i];
                    }
                }
                // EVOLVE-BLOCK-END
            }
            """;
    /** The seed's kernel as class Reference, without the evolve block's markers. */
    static final String REFERENCE = SEED.replace("class Saxpy", "class Reference")
            .replaceAll(" *// EVOLVE-BLOCK-(START|END)\n", "");
    static final String KERNEL = """
            kind: kernel
            name: saxpy
            seed: Saxpy.java
            reference: Reference.java
            inputs:
              - {name: a, length: "1", min: -2, max: 2}
              - {name: x, length: n}
              - {name: y, length: n}
            output: {length: n}
            flops: 2*n
            timing_size: 4096
            """;
    static final String SCORED = """
            kind: scored
            name: sched
            language: python
            seed: heuristic.py
            evaluator:
              command: [python3, evaluate.py, "{file}"]
              files: [evaluate.py]
              timeout: 5s
            """;

    @TempDir
    Path dir;

    Path kernelFolder(String yaml) throws IOException {
        Files.writeString(dir.resolve("Saxpy.java"), SEED);
        Files.writeString(dir.resolve("Reference.java"), REFERENCE);
        Files.writeString(dir.resolve("target.yaml"), yaml);
        return dir;
    }

    Path scoredFolder(String yaml) throws IOException {
        Files.writeString(dir.resolve("heuristic.py"), "def f():\n    # EVOLVE-BLOCK-START\n    return 1.5\n"
                + "    # EVOLVE-BLOCK-END\n");
        Files.writeString(dir.resolve("evaluate.py"), "print('{\"score\": 1}')\n");
        Files.writeString(dir.resolve("target.yaml"), yaml);
        return dir;
    }

    String spec() {
        return dir.resolve("target.yaml").toString();
    }

    /** {@code yaml} with {@code from} replaced by {@code to}; both write a line break {@code \\n}, as in a table cell. */
    static String edited(String yaml, String from, String to) {
        return yaml.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    }

    /** Loading {@code folder} fails with an error that starts with its spec file and {@code message}. */
    void refusedNaming(Path folder, String message) {
        assertThatThrownBy(() -> TargetSpecs.load(folder)).isInstanceOf(TargetSpecException.class)
                .hasMessageStartingWith(spec() + ": " + message);
    }

    @Test
    void theWorkedExamplesLoad() {
        Target atx = TargetSpecs.load(EXAMPLES.resolve("atx"));
        assertThat(atx).isInstanceOf(ArrayKernelTarget.class);
        assertThat(atx.name()).isEqualTo("atx");
        assertThat(atx.timingSize()).isEqualTo(1024);
        assertThat(atx.flops(1024)).isEqualTo(2.0 * 1024 * 1024);
        assertThat(((ArrayKernelTarget) atx).allowedConstructs()).contains(Construct.PARALLEL_STREAMS);

        ScoredTarget scheduling = (ScoredTarget) TargetSpecs.load(EXAMPLES.resolve("scheduling"));
        assertThat(scheduling.language()).isEqualTo("python");
        assertThat(scheduling.fileName()).isEqualTo("heuristic.py");
        assertThat(scheduling.maximize()).isTrue();
        assertThat(scheduling.evaluator()).isEqualTo(new ScoredTarget.Command(
                List.of("python3", "evaluate.py", "{file}"), Duration.ofSeconds(20), List.of("evaluate.py")));

        ScoredTarget points = (ScoredTarget) TargetSpecs.load(EXAMPLES.resolve("spread-points"));
        assertThat(points.maximize()).isFalse();
        assertThat(points.evaluator()).isEqualTo(new ScoredTarget.Plugin("example.SpreadPointsEvaluator",
                Duration.ofSeconds(10)));
        assertThat(points.timingSize()).isZero();
    }

    @Test
    void defaultsFillWhatASpecLeavesOut() throws IOException {
        ArrayKernelTarget t = (ArrayKernelTarget) TargetSpecs.load(kernelFolder(KERNEL));
        assertThat(t.checkSizes()).isEqualTo(TargetSpecs.DEFAULT_CHECK_SIZES);
        assertThat(t.spec().inputs().get(1).min()).isEqualTo(-1);
        assertThat(t.tolerance().relative()).isEqualTo(1e-9);
        assertThat(t.allowedConstructs()).isEmpty();
        assertThat(t.bytes(10)).isEqualTo((1 + 10 + 10 + 10) * 8.0);
        ArrayKernelTarget atomics = (ArrayKernelTarget) TargetSpecs.load(kernelFolder(edited(KERNEL, "timing_size: 4096",
                "timing_size: 4096\nallow: [parallel_streams, atomics]")));
        assertThat(atomics.allowedConstructs()).containsExactlyInAnyOrder(Construct.PARALLEL_STREAMS, Construct.ATOMICS);
        ScoredTarget s = (ScoredTarget) TargetSpecs.load(scoredFolder(SCORED.replace("name: sched\n", "")));
        assertThat(s.name()).isEqualTo(dir.getFileName().toString());
        assertThat(s.fileName()).isEqualTo("heuristic.py");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "flops: 2*n|flops: n*|field 'flops': cannot parse 'n*': expected a number, n or '(' but the expression ended at position 3",
            "flops: 2*n|flop: 2*n|field 'flop': unknown field; known fields here:",
            "kind: kernel|kind: gpu|field 'kind': must be 'kernel'",
            "kind: kernel\\n|\\n|field 'kind': is required",
            "seed: Saxpy.java|seed: Nope.java|field 'seed': no such file 'Nope.java' in",
            "seed: Saxpy.java|seed: ../Saxpy.java|field 'seed': must name a file inside the folder",
            "seed: Saxpy.java|seed: /etc/passwd|field 'seed': must name a file inside the folder",
            "seed: Saxpy.java|seed: target.yaml|field 'seed': must be a Java file named after its public class",
            "timing_size: 4096|timing_size: big|field 'timing_size': must be a whole number, was 'big'",
            "timing_size: 4096|timing_size: [1]|field 'timing_size': must be a whole number, was a list",
            "output: {length: n}|output: {length: n - 2}|field 'output.length': 'n - 2' is -1.0 at n=1",
            "output: {length: n}|output: n|field 'output': must be a mapping of fields",
            "output: {length: n}|output: {size: n}|field 'output.size': unknown field",
            "{name: x, length: n}|{name: x, length: n, min: abc}|field 'inputs[1].min': must be a number, was 'abc'",
            "{name: x, length: n}|{name: x, length: n, min: 1, max: 1}|field 'inputs[1].min/max': need finite min < max",
            "{name: x, length: n}|{name: x, size: n}|field 'inputs[1].size': unknown field",
            "{name: x, length: n}|{name: x, length: m}|field 'inputs[1].length': cannot parse 'm': unknown name 'm'",
            "timing_size: 4096|timing_size: 4096\\ncheck_sizes: [3, 2]|field 'check_sizes': sizes must be ascending",
            "timing_size: 4096|timing_size: 4096\\ncheck_sizes: [1, two]|field 'check_sizes[1]': must be a whole number",
            "timing_size: 4096|timing_size: 4096\\ntolerance: {relative: -1}|field 'tolerance.relative': must be finite and >= 0",
            "timing_size: 4096|timing_size: 4096\\nallow: [threads]|field 'allow': unknown construct 'threads'",
            "timing_size: 4096|timing_size: 4096\\nflops: 3*n|not valid YAML: Duplicate field 'flops'",
            "name: saxpy|name: my saxpy!|field 'name': must be 1 to 64 letters"})
    void aMalformedKernelSpecNamesTheFileAndTheField(String from, String to, String message) throws IOException {
        refusedNaming(kernelFolder(edited(KERNEL, from, to)), message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "language: python|language: ''|field 'language': must not be empty",
            "language: python\\n|\\n|field 'language': is required",
            "seed: heuristic.py|seed: heuristic.py\\ngoal: fastest|field 'goal': must be maximize or minimize",
            "seed: heuristic.py|seed: heuristic.py\\nfile_name: a/b.py|field 'file_name': must be a plain file name",
            "timeout: 5s|timeout: soon|field 'evaluator.timeout': 'soon' is not a duration",
            "timeout: 5s|timeout: 2h|field 'evaluator.timeout': '2h' must be between 1 ms and 1 h",
            "timeout: 5s|timeout: 5s\\n  plugin: x.Y|field 'evaluator': give exactly one of 'command'",
            "command: [python3, evaluate.py, \"{file}\"]|command: python3 evaluate.py|field 'evaluator.command': must be a list",
            "command: [python3, evaluate.py, \"{file}\"]|command: []|field 'evaluator.command': must list the program",
            "files: [evaluate.py]|files: [missing.py]|field 'evaluator.files[0]': no such file 'missing.py'",
            "files: [evaluate.py]|files: [heuristic.py]|field 'evaluator.files': 'heuristic.py' would overwrite",
            "files: [evaluate.py]|files: [evaluate.py]\\n  workdir: x|field 'evaluator.workdir': unknown field",
            "evaluator:|evaluator: python3\\nx:|field 'x': unknown field"})
    void aMalformedScoredSpecNamesTheFileAndTheField(String from, String to, String message) throws IOException {
        refusedNaming(scoredFolder(edited(SCORED, from, to)), message);
    }

    @Test
    void aPlugInNeedsAClassName() throws IOException {
        scoredFolder(SCORED.replaceAll("(?s)evaluator:.*", "evaluator: {plugin: \"not a class!\"}\n"));
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(spec()
                + ": field 'evaluator.plugin': must be the plug-in's class name");
        scoredFolder(SCORED.replaceAll("(?s)evaluator:.*", "evaluator: {plugin: x.Y, files: [evaluate.py]}\n"));
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(spec()
                + ": field 'evaluator.files': only an evaluator command");
    }

    @Test
    void whatIsWrongInsideAFileNamesThatFile() throws IOException {
        kernelFolder(KERNEL);
        Files.writeString(dir.resolve("Reference.java"), REFERENCE.replace("out[i] =", "out[i] = undefinedName +"));
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(dir.resolve("Reference.java")
                + ": does not compile: [line 7:");

        kernelFolder(KERNEL);
        Files.writeString(dir.resolve("Reference.java"), REFERENCE.replace(" implements ArrayKernel", "")
                .replace("@Override", ""));
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessage(dir.resolve("Reference.java")
                + ": class Reference must implement dev.evolve.kernels.custom.ArrayKernel");

        kernelFolder(KERNEL);
        Files.writeString(dir.resolve("Saxpy.java"), SEED.replace("for (int i", "System.exit(1);\n        for (int i"));
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(dir.resolve("Saxpy.java")
                + ": the seed fails the checks every variant must pass: line 7:");

        kernelFolder(KERNEL);
        Files.writeString(dir.resolve("Saxpy.java"), SEED.replace("// EVOLVE-BLOCK-END", ""));
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(dir.resolve("Saxpy.java")
                + ": no evolve block");

        kernelFolder(KERNEL);
        Files.write(dir.resolve("Saxpy.java"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessage(spec() + ": field 'seed': "
                + dir.resolve("Saxpy.java") + ": not UTF-8 text");
    }

    @Test
    void aFolderWithoutASpecOrWithBrokenYamlSaysSo() throws IOException {
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessage(dir + ": no target.yaml in this folder (a target "
                + "folder holds target.yaml beside its seed)");
        Files.writeString(dir.resolve("target.yaml"), "kind: [kernel\n");
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(spec() + ": not valid YAML:");
        Files.writeString(dir.resolve("target.yaml"), "- kind: kernel\n");
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(spec() + ": must be a mapping");
        Files.writeString(dir.resolve("target.yaml"), "");
        assertThatThrownBy(() -> TargetSpecs.load(dir)).hasMessageStartingWith(spec() + ": must be a mapping");
    }

    @Test
    void theCatalogResolvesFoldersAndKeepsBuiltInNamesFirst() throws IOException {
        kernelFolder(KERNEL);
        assertThat(TargetCatalog.resolve(dir.toString(), null).name()).isEqualTo("saxpy");
        assertThat(TargetCatalog.resolve(dir.toString(), 64).timingSize()).isEqualTo(64);
        assertThat(TargetCatalog.resolve("matmul", null).name()).isEqualTo("matmul");
        assertThatThrownBy(() -> TargetCatalog.resolve(dir.resolve("nothing").toString(), null))
                .hasMessageContaining("or a target folder holding target.yaml");
        scoredFolder(SCORED);
        assertThatThrownBy(() -> TargetCatalog.resolve(dir.toString(), 64))
                .hasMessageContaining("has no timing size to change");
    }
}
