package dev.evolve.engine.mutate.llm;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.kernels.Construct;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Renders the prompts of one target from {@link PromptTemplates}. Every template may use the common placeholders
 * ({@code target_name}, {@code target_description}, {@code class_name}, {@code cores}, {@code vector_bits},
 * {@code vector_doubles}, {@code allowed_constructs}, {@code evolve_start}, {@code evolve_end}, {@code intro},
 * {@code emphasis}); the task templates add the programs' {@code *_source}, {@code *_metrics} and
 * {@code *_feedback} and {@code inspirations}. The random generator picks the intro and emphasis phrasings, so the
 * same generator state gives the same prompt.
 *
 * <pre>{@code
 * PromptBuilder prompts = new PromptBuilder(Targets.require("matmul"), HardwareFacts.detect(), PromptTemplates.defaults());
 * Prompt p = prompts.diffEdit(parent, inspirations, random);
 * }</pre>
 */
public final class PromptBuilder {

    /** Feedback longer than this is cut: a page of compiler errors says no more than the first ten. */
    static final int MAX_FEEDBACK_CHARS = 4_000;

    private final Target target;
    private final HardwareFacts hardware;
    private final PromptTemplates templates;
    /** The guidance every prompt gives in place of an {@code emphasis} alternative; null: one picked at random. */
    private final String guidance;

    public PromptBuilder(Target target, HardwareFacts hardware, PromptTemplates templates) {
        this(target, hardware, templates, null);
    }

    private PromptBuilder(Target target, HardwareFacts hardware, PromptTemplates templates, String guidance) {
        this.target = Objects.requireNonNull(target, "target");
        this.hardware = Objects.requireNonNull(hardware, "hardware");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.guidance = guidance;
    }

    /**
     * These prompts giving {@code guidance} (inserted verbatim) where they would give an {@code emphasis} alternative;
     * null: an alternative picked at random, as without guidance.
     */
    public PromptBuilder guided(String guidance) {
        if (guidance != null && guidance.isBlank()) {
            throw new IllegalArgumentException("guidance must not be blank");
        }
        return new PromptBuilder(target, hardware, templates, guidance == null ? null : guidance.strip());
    }

    /** The {@code emphasis} template's alternatives with their placeholders filled: the seeds of guidance evolution. */
    public List<String> emphasisAlternatives() {
        Map<String, String> values = commonWithoutChoices();
        values.put("intro", "");
        values.put("emphasis", "");
        return templates.alternatives(PromptTemplates.EMPHASIS).stream()
                .map(a -> TemplateRenderer.render(PromptTemplates.EMPHASIS, a, values).strip()).toList();
    }

    /**
     * The request to rewrite guidance ({@link PromptTemplates#GUIDANCE_REWRITE}): the common placeholders and
     * {@code values} (guidance evolution's own: {@code members}, {@code best}, {@code worst}, ...) filled in.
     */
    public String guidanceRewrite(Map<String, String> values) {
        Map<String, String> all = commonWithoutChoices();
        all.put("intro", "");
        all.put("emphasis", "");
        all.putAll(values);
        return TemplateRenderer.render(PromptTemplates.GUIDANCE_REWRITE, templates.text(PromptTemplates.GUIDANCE_REWRITE),
                all);
    }

    /** Asks for SEARCH/REPLACE blocks against {@code parent}. */
    public Prompt diffEdit(ProgramRecord parent, List<ProgramRecord> inspirations, RandomGenerator random) {
        return single(Prompt.Task.DIFF, PromptTemplates.DIFF, parent, inspirations, random);
    }

    /** Asks for a whole new evolve block for {@code parent}. */
    public Prompt fullRewrite(ProgramRecord parent, List<ProgramRecord> inspirations, RandomGenerator random) {
        return single(Prompt.Task.REWRITE, PromptTemplates.REWRITE, parent, inspirations, random);
    }

    /** Asks for an evolve block combining {@code first} and {@code second}; edits apply to {@code first}. */
    public Prompt crossover(ProgramRecord first, ProgramRecord second, RandomGenerator random) {
        Map<String, String> values = common(random);
        putProgram(values, "parent", first);
        putProgram(values, "other", second);
        return render(Prompt.Task.CROSSOVER, PromptTemplates.CROSSOVER, values, first.source());
    }

    /**
     * Asks to fix {@code failedChild}, derived from {@code parent}, using its evaluation feedback; edits apply to the
     * failed child.
     *
     * @throws IllegalArgumentException if the child was measured (there is nothing to repair) or its source holds no
     *                                  single evolve block (a reply's edits could not be applied to it)
     */
    public Prompt repair(ProgramRecord parent, ProgramRecord failedChild, RandomGenerator random) {
        if (failedChild.measured()) {
            throw new IllegalArgumentException("a measured program needs no repair: " + failedChild.id());
        }
        Map<String, String> values = common(random);
        putProgram(values, "parent", parent);
        putProgram(values, "child", failedChild);
        values.put("child_status", failedChild.status());
        return render(Prompt.Task.REPAIR, PromptTemplates.REPAIR, values, failedChild.source());
    }

    /**
     * The same request with a section saying why the previous reply could not be applied. Built from the original
     * prompt each time, so only the latest reason is shown.
     */
    public Prompt afterRejectedEdit(Prompt original, String reason, int attempt) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        Map<String, String> values = commonWithoutChoices();
        values.put("intro", "");
        values.put("emphasis", "");
        values.put("reason", cut(reason.strip()));
        values.put("attempt", Integer.toString(attempt));
        String section = TemplateRenderer.render(PromptTemplates.EDIT_REJECTED, templates.text(PromptTemplates.EDIT_REJECTED), values);
        return new Prompt(original.task(), original.system(), original.user() + section, original.baseSource());
    }

    /**
     * The same request with a section saying what became of earlier children of its parent ({@code notes}, from
     * {@link #duplicateNote} and {@link #nearCopyNote}); the request itself when there are none.
     */
    public Prompt withEarlierProposals(Prompt original, List<String> notes) {
        if (notes.isEmpty()) {
            return original;
        }
        Map<String, String> values = commonWithoutChoices();
        values.put("intro", "");
        values.put("emphasis", "");
        values.put("notes", notes.stream().map(n -> "- " + n).collect(Collectors.joining("\n")));
        String section = TemplateRenderer.render(PromptTemplates.EARLIER, templates.text(PromptTemplates.EARLIER), values);
        return new Prompt(original.task(), original.system(), original.user() + section, original.baseSource());
    }

    /** A note for the next prompt: a child was the same program as {@code known}, already in the database. */
    public static String duplicateNote(ProgramRecord known) {
        return "one was the same program (comments and whitespace aside) as program " + shortId(known.id())
                + " (" + known.origin() + "; " + metrics(known) + ")";
    }

    /** A note for the next prompt: a child read all but the same as {@code like} ({@code similarity} of their code). */
    public static String nearCopyNote(ProgramRecord like, double similarity) {
        return String.format(Locale.ROOT, "one was a near copy (code similarity %.3f) of program %s (%s; %s)",
                similarity, shortId(like.id()), like.origin(), metrics(like));
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** A one-line summary of a program's figures: status, speedup, GFLOP/s and median time when measured. */
    public static String metrics(ProgramRecord program) {
        if (!program.measured()) {
            return "status " + program.status() + ", not timed";
        }
        if (program.medianNs() == 0) {              // scored by a custom evaluator: its own metrics
            return "status measured, " + program.metrics().entrySet().stream()
                    .map(e -> e.getKey() + " = " + dev.evolve.eval.EvaluationOutcome.Scored.format(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return String.format(Locale.ROOT, "status measured, %.2fx the seed, %.2f GFLOP/s, median %.3f ms",
                program.score(), program.gflops(), program.medianNs() / 1e6);
    }

    /**
     * What the evaluator said about a program of {@code target}: for Java kernels as {@link #feedback(ProgramRecord)}
     * says it; for programs judged by a custom evaluator, in that evaluator's terms.
     */
    static String feedback(Target target, ProgramRecord program) {
        return feedback(program, !(target instanceof KernelTarget));
    }

    /** What the evaluator said about a program, phrased for a model, from its stored status and detail. */
    public static String feedback(ProgramRecord program) {
        return feedback(program, false);
    }

    /** Each status's phrase side by side: for a timed Java kernel, and for a program a custom evaluator scored. */
    private static String feedback(ProgramRecord program, boolean scored) {
        String detail = program.detail().isBlank() ? "(no detail recorded)" : cut(program.detail().strip());
        String phrase = switch (program.status()) {
            case ProgramRecord.MEASURED -> scored ? "Scored by the evaluator: " : "Correct at every checked size; ";
            case ProgramRecord.REJECTED -> scored ? "Refused: " : "Refused by the static checks before compiling: ";
            case ProgramRecord.COMPILE_ERROR -> scored ? "Did not build. The compiler reported:\n"
                    : "Did not compile. The compiler reported:\n";
            case ProgramRecord.INCORRECT -> scored ? "Ran, but gave a wrong result: "
                    : "Compiled and ran, but gave a wrong result. First mismatch: ";
            case ProgramRecord.TIMEOUT -> "Ran too long and was killed (timeout): ";
            case ProgramRecord.CRASH -> scored ? "Failed while the evaluator ran it: " : "Crashed while running: ";
            default -> throw new IllegalArgumentException("unknown status " + program.status());
        };
        return phrase + detail;
    }

    private Prompt single(Prompt.Task task, String templateName, ProgramRecord parent, List<ProgramRecord> inspirations,
                          RandomGenerator random) {
        Map<String, String> values = common(random);
        putProgram(values, "parent", parent);
        values.put("inspirations", inspirations(inspirations));
        return render(task, templateName, values, parent.source());
    }

    private Prompt render(Prompt.Task task, String templateName, Map<String, String> values, String baseSource) {
        String system = TemplateRenderer.render(PromptTemplates.SYSTEM, templates.text(PromptTemplates.SYSTEM), values);
        String user = TemplateRenderer.render(templateName, templates.text(templateName), values);
        return new Prompt(task, system, user, baseSource);
    }

    private Map<String, String> common(RandomGenerator random) {
        Map<String, String> values = commonWithoutChoices();
        // Alternatives may use the common placeholders themselves (for example {{cores}}).
        values.put("intro", "");
        values.put("emphasis", "");
        String intro = pick(PromptTemplates.INTRO, random, values);
        String emphasis = guidance != null ? guidance : pick(PromptTemplates.EMPHASIS, random, values);
        values.put("intro", intro);
        values.put("emphasis", emphasis);
        return values;
    }

    private String pick(String name, RandomGenerator random, Map<String, String> values) {
        List<String> alternatives = templates.alternatives(name);
        return TemplateRenderer.render(name, alternatives.get(random.nextInt(alternatives.size())), values);
    }

    private Map<String, String> commonWithoutChoices() {
        Map<String, String> values = new HashMap<>();
        values.put("target_name", target.name());
        values.put("target_description", target.description());
        values.put("class_name", target instanceof KernelTarget k ? k.className() : target.fileName());
        values.put("file_name", target.fileName());
        values.put("language", target.language());
        values.put("fence", fence(target.language()));
        boolean scored = target instanceof dev.evolve.engine.target.ScoredTarget;
        values.put("objective", scored ? "Improve the program below so that its evaluator scores it higher."
                : "Improve the speed of the program below.");
        values.put("better", scored ? "scores higher" : "runs faster");
        values.put("quality", scored ? "scores well" : "fast");
        values.put("cores", Integer.toString(hardware.cores()));
        values.put("vector_bits", Integer.toString(hardware.vectorBitsPreferred()));
        values.put("vector_doubles", Integer.toString(hardware.doublesPerVector()));
        values.put("allowed_constructs", constructs());
        values.put("evolve_start", EvolveBlock.START);
        values.put("evolve_end", EvolveBlock.END);
        return values;
    }

    /** The info string of a Markdown code block for {@code language}. */
    static String fence(String language) {
        return switch (language) {
            case "opencl-c" -> "c";
            default -> language;
        };
    }

    private String constructs() {
        if (!(target instanceof KernelTarget k) || k.allowedConstructs().isEmpty()) {
            return "nothing";
        }
        return k.allowedConstructs().stream().sorted().map(c -> switch (c) {
            case PARALLEL_STREAMS -> "parallel streams (java.util.stream, e.g. IntStream.range(...).parallel())";
            case VECTOR_API -> "the Vector API (jdk.incubator.vector: DoubleVector, VectorSpecies, fma)";
            case ATOMICS -> "java.util.concurrent.atomic.AtomicInteger and Thread.onSpinWait() (no other concurrency API)";
        }).collect(Collectors.joining("; "));
    }

    private void putProgram(Map<String, String> values, String role, ProgramRecord program) {
        values.put(role + "_source", program.source().strip());
        values.put(role + "_metrics", metrics(program));
        values.put(role + "_feedback", feedback(target, program));
        values.put(role + "_origin", program.origin());
    }

    private String inspirations(List<ProgramRecord> programs) {
        if (programs.isEmpty()) {
            return "(none yet)";
        }
        StringBuilder out = new StringBuilder();
        int k = 1;
        for (ProgramRecord p : programs) {
            // Only the evolve block: the surroundings are the parent's and would only repeat.
            String body = EvolveBlock.of(p.source()).map(EvolveBlock::body).orElse(p.source()).strip();
            out.append("Inspiration ").append(k++).append(" (").append(p.origin()).append("; ").append(metrics(p))
                    .append("):\n```").append(fence(target.language())).append("\n").append(body).append("\n```\n");
        }
        return out.toString().stripTrailing();
    }

    private static String cut(String text) {
        return text.length() <= MAX_FEEDBACK_CHARS ? text
                : text.substring(0, MAX_FEEDBACK_CHARS) + "\n... (" + (text.length() - MAX_FEEDBACK_CHARS) + " more characters cut)";
    }
}
