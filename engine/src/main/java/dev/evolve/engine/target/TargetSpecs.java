package dev.evolve.engine.target;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.Construct;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.custom.ArrayKernel;
import dev.evolve.kernels.custom.ArrayKernelSpec;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads a target folder: {@code target.yaml} with the seed (and, for a Java kernel, the trusted
 * reference) beside it. Strict: an unknown key, a missing or mistyped field, a file that is missing,
 * outside the folder, not UTF-8 or without an evolve block, a reference or seed that does not
 * compile: each is a {@link TargetSpecException} naming the file and the field.
 *
 * <pre>{@code
 * Target t = TargetSpecs.load(Path.of("kernels/examples/saxpy"));   // an ArrayKernelTarget
 * Target s = TargetSpecs.load(Path.of("kernels/examples/bin-packing"));  // a ScoredTarget
 * }</pre>
 *
 * <p>Two kinds (the README's "Custom targets and evaluators" lists every field):
 * <pre>
 * kind: kernel          # a Java array kernel, judged by the sandboxed cascade against the reference
 * name: saxpy
 * seed: Saxpy.java      # implements dev.evolve.kernels.custom.ArrayKernel, with an evolve block
 * reference: Reference.java
 * inputs: [{name: a, length: "1"}, {name: x, length: n}, {name: y, length: n}]
 * output: {length: n}
 * flops: 2*n
 * timing_size: 1000000
 *
 * kind: scored          # any program, judged by an evaluator command or plug-in
 * name: bin-packing
 * language: python
 * seed: heuristic.py
 * evaluator: {command: [python3, evaluate.py, "{file}"], files: [evaluate.py], timeout: 30s}
 * </pre>
 */
public final class TargetSpecs {

    /** The spec's file name inside a target folder. */
    public static final String FILE = "target.yaml";
    static final long MAX_FILE_BYTES = 1 << 20;
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    static final List<Integer> DEFAULT_CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 100);

    private static final Set<String> COMMON = Set.of("kind", "name", "description", "seed");
    private static final Set<String> KERNEL = Set.of("reference", "inputs", "output", "flops", "bytes", "check_sizes",
            "timing_size", "tolerance", "allow");
    private static final Set<String> SCORED = Set.of("language", "file_name", "goal", "evaluator");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    /** Seed and reference pairs already known to compile, so that resolving a folder twice compiles once. */
    private static final Set<String> COMPILED = ConcurrentHashMap.newKeySet();

    private TargetSpecs() {
    }

    /** Whether {@code dir} looks like a target folder (it holds a {@value #FILE}). */
    public static boolean isTargetFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * The target the folder defines.
     *
     * @throws TargetSpecException naming the file and the field at fault
     */
    public static Target load(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new TargetSpecException(folder + ": no " + FILE + " in this folder (a target folder holds "
                    + FILE + " beside its seed)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text(file, file, null));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new TargetSpecException(file + ": not valid YAML: " + e.getOriginalMessage() + where);
        }
        SpecFields spec = new SpecFields(file, "", root == null || root.isMissingNode() ? null : root);
        String kind = spec.text("kind", true);
        return switch (kind) {
            case "kernel" -> kernel(folder, file, spec);
            case "scored" -> scored(folder, file, spec);
            default -> throw spec.error("kind", "must be 'kernel' (a Java array kernel) or 'scored' (any program "
                    + "judged by an evaluator), was '" + kind + "'");
        };
    }

    private static ArrayKernelTarget kernel(Path folder, Path file, SpecFields spec) {
        spec.allow(COMMON, KERNEL);
        String name = name(folder, spec);
        Path seedFile = spec.file(folder, "seed");
        Path referenceFile = spec.file(folder, "reference");
        String seedClass = javaClassOf(spec, "seed", seedFile);
        String referenceClass = javaClassOf(spec, "reference", referenceFile);
        String seed = text(seedFile, file, "seed");
        String reference = text(referenceFile, file, "reference");
        requireBlock(seedFile, seed);
        List<ArrayKernelSpec.Input> inputs = new ArrayList<>();
        List<SpecFields> inputList = spec.list("inputs", true);
        for (int i = 0; i < inputList.size(); i++) {
            SpecFields in = inputList.get(i);
            in.allow(Set.of("name", "length", "min", "max"), Set.of());
            String inputName = in.has("name") ? in.text("name", true) : "in" + i;
            double min = in.has("min") ? in.number("min") : -1;
            double max = in.has("max") ? in.number("max") : 1;
            try {
                inputs.add(new ArrayKernelSpec.Input(inputName, in.expression("length"), min, max));
            } catch (ArrayKernelSpec.InvalidSpecException e) {
                throw in.error(e.field().replace("inputs[" + inputName + "].", "").replace("inputs[].", ""),
                        e.getMessage().replaceFirst("^field '[^']*': ", ""));
            }
        }
        SpecFields output = spec.object("output", true);
        output.allow(Set.of("length"), Set.of());
        SpecFields tolerance = spec.has("tolerance") ? spec.object("tolerance", true) : null;
        if (tolerance != null) {
            tolerance.allow(Set.of("relative", "absolute"), Set.of());
        }
        List<Construct> constructs = new ArrayList<>();
        for (String c : spec.has("allow") ? spec.texts("allow") : List.<String>of()) {
            try {
                constructs.add(Construct.valueOf(c.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw spec.error("allow", "unknown construct '" + c + "'; known: " + java.util.Arrays.stream(Construct.values())
                        .map(k -> k.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        ArrayKernelSpec kernel;
        try {
            kernel = new ArrayKernelSpec(name, spec.has("description") ? spec.text("description", false) : "",
                    seedClass, seed, referenceClass, reference, inputs, output.expression("length"),
                    spec.expression("flops"), spec.has("bytes") ? spec.expression("bytes") : null,
                    spec.has("check_sizes") ? spec.ints("check_sizes") : DEFAULT_CHECK_SIZES,
                    spec.integer("timing_size"),
                    tolerance != null && tolerance.has("relative") ? tolerance.number("relative") : 1e-9,
                    tolerance != null && tolerance.has("absolute") ? tolerance.number("absolute") : 1e-9,
                    constructs);
        } catch (ArrayKernelSpec.InvalidSpecException e) {
            throw new TargetSpecException(file + ": " + e.getMessage());
        }
        ArrayKernelTarget target = ArrayKernelTarget.describing(kernel);
        compiles(target, seedFile, referenceFile);
        return target;
    }

    /**
     * The reference and the seed compile (javac runs no user code), the reference implements the
     * contract without being initialised, and the seed passes the static check every candidate passes.
     */
    private static void compiles(ArrayKernelTarget target, Path seedFile, Path referenceFile) {
        ArrayKernelSpec spec = target.spec();
        String key = dev.evolve.engine.db.SourceHash.of(spec.seedSource() + "\u0000" + spec.referenceSource()
                + "\u0000" + spec.constructs());
        if (COMPILED.contains(key)) {
            return;
        }
        try (var compiler = new InMemoryCompiler()) {
            var ref = compiler.compile(spec.referenceClassName(), spec.referenceSource());
            if (ref instanceof InMemoryCompiler.Result.Failed f) {
                throw new TargetSpecException(referenceFile + ": does not compile: " + f.diagnostics());
            }
            var classes = ((InMemoryCompiler.Result.Compiled) ref).classes();
            var loader = new dev.evolve.eval.compile.BytesClassLoader(classes, TargetSpecs.class.getClassLoader());
            try {
                Class<?> type = Class.forName(spec.referenceClassName(), false, loader);   // not initialised: no code runs
                if (!ArrayKernel.class.isAssignableFrom(type)) {
                    throw new TargetSpecException(referenceFile + ": class " + spec.referenceClassName()
                            + " must implement " + ArrayKernel.class.getName());
                }
                type.getConstructor();
            } catch (ClassNotFoundException | LinkageError e) {
                throw new TargetSpecException(referenceFile + ": cannot load class " + spec.referenceClassName()
                        + ": " + e);
            } catch (NoSuchMethodException e) {
                throw new TargetSpecException(referenceFile + ": class " + spec.referenceClassName()
                        + " needs a public no-argument constructor");
            }
            var seed = compiler.compile(spec.className(), spec.seedSource());
            if (seed instanceof InMemoryCompiler.Result.Failed f) {
                throw new TargetSpecException(seedFile + ": does not compile: " + f.diagnostics());
            }
        }
        List<String> violations = new JavaParserStaticCheck().violations(target, spec.seedSource());
        if (!violations.isEmpty()) {
            throw new TargetSpecException(seedFile + ": the seed fails the checks every variant must pass: "
                    + String.join("; ", violations));
        }
        COMPILED.add(key);
    }

    private static ScoredTarget scored(Path folder, Path file, SpecFields spec) {
        spec.allow(COMMON, SCORED);
        String name = name(folder, spec);
        String language = spec.text("language", true);
        if (language.length() > 40 || !language.matches("[A-Za-z0-9][A-Za-z0-9+#._-]*")) {
            throw spec.error("language", "must be a short name such as python, c or text, was '" + language + "'");
        }
        Path seedFile = spec.file(folder, "seed");
        String seed = text(seedFile, file, "seed");
        requireBlock(seedFile, seed);
        String fileName = spec.has("file_name") ? spec.text("file_name", true) : seedFile.getFileName().toString();
        if (fileName.contains("/") || fileName.contains("\\") || fileName.equals(".") || fileName.equals("..")) {
            throw spec.error("file_name", "must be a plain file name, was '" + fileName + "'");
        }
        String goal = spec.has("goal") ? spec.text("goal", true) : "maximize";
        if (!goal.equals("maximize") && !goal.equals("minimize")) {
            throw spec.error("goal", "must be maximize or minimize, was '" + goal + "'");
        }
        SpecFields ev = spec.object("evaluator", true);
        ev.allow(Set.of("command", "plugin", "files", "timeout"), Set.of());
        if (ev.has("command") == ev.has("plugin")) {
            throw ev.error("", "give exactly one of 'command' (an external program that prints a JSON verdict) "
                    + "or 'plugin' (a ProgramEvaluator class from --evaluator-jar)");
        }
        Duration timeout = ev.has("timeout") ? ev.duration("timeout") : Duration.ofSeconds(30);
        ScoredTarget.Evaluator evaluator;
        if (ev.has("command")) {
            List<String> command = ev.texts("command");
            if (command.isEmpty() || command.getFirst().isBlank()) {
                throw ev.error("command", "must list the program and its arguments, e.g. [python3, evaluate.py, \"{file}\"]");
            }
            List<String> files = ev.has("files") ? ev.texts("files") : List.of();
            for (int i = 0; i < files.size(); i++) {
                ev.fileAt(folder, "files", i, files.get(i));
                if (Path.of(files.get(i)).normalize().toString().equals(fileName)) {
                    throw ev.error("files", "'" + files.get(i) + "' would overwrite the candidate's file " + fileName);
                }
            }
            evaluator = new ScoredTarget.Command(command, timeout, files);
        } else {
            if (ev.has("files")) {
                throw ev.error("files", "only an evaluator command gets files copied beside the candidate");
            }
            String plugin = ev.text("plugin", true);
            if (!CLASS_NAME.matcher(plugin).matches()) {
                throw ev.error("plugin", "must be the plug-in's class name, e.g. example.MyEvaluator, was '" + plugin + "'");
            }
            evaluator = new ScoredTarget.Plugin(plugin, timeout);
        }
        return new ScoredTarget(name, spec.has("description") ? spec.text("description", false)
                : language + " program " + name + " judged by its own evaluator", language, seed, fileName, folder,
                goal.equals("maximize"), evaluator);
    }

    private static String name(Path folder, SpecFields spec) {
        String name = spec.has("name") ? spec.text("name", true)
                : folder.toAbsolutePath().normalize().getFileName().toString();
        if (!NAME.matcher(name).matches()) {
            throw spec.error("name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or "
                    + "digit, was '" + name + "'");
        }
        return name;
    }

    private static String javaClassOf(SpecFields spec, String field, Path javaFile) {
        String fileName = javaFile.getFileName().toString();
        String base = fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : "";
        if (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0))
                || !base.chars().allMatch(Character::isJavaIdentifierPart)) {
            throw spec.error(field, "must be a Java file named after its public class, e.g. Saxpy.java, was '"
                    + fileName + "'");
        }
        return base;
    }

    private static void requireBlock(Path file, String source) {
        if (EvolveBlock.of(source).isEmpty()) {
            throw new TargetSpecException(file + ": no evolve block: mark the part that may change with one line "
                    + "holding " + EvolveBlock.START_WORD + " and one later line holding " + EvolveBlock.END_WORD
                    + " (each as a comment of the file's language)");
        }
    }

    /** A UTF-8 text file of at most {@link #MAX_FILE_BYTES}; errors name {@code spec}'s {@code field} when given. */
    private static String text(Path path, Path spec, String field) {
        String who = field == null ? path + ": " : spec + ": field '" + field + "': " + path + ": ";
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new TargetSpecException(who + "larger than " + (MAX_FILE_BYTES >> 10) + " KiB");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new TargetSpecException(who + "not UTF-8 text");
        } catch (IOException e) {
            throw new TargetSpecException(who + "cannot read it: " + e.getMessage());
        }
    }
}
