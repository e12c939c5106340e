package dev.evolve.engine.mutate.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt templates, each read once: from the user's override directory when a file of the template's name
 * exists there, else from the defaults shipped as resources in this package. Defaults can differ per language of
 * the target: a template under {@code <language>/} (e.g. {@code opencl-c/system.txt}) wins over the Java one,
 * and for a language with no folder of its own the {@code generic/} one does (it does not speak of Java).
 *
 * <pre>{@code
 * PromptTemplates templates = PromptTemplates.withOverrides(Path.of("prompts")); // prompts/system.txt wins if present
 * }</pre>
 *
 * <p>{@link #INTRO} and {@link #EMPHASIS} hold alternative phrasings, separated by lines of {@code ---}; a prompt
 * picks one of each at random so that repeated prompts for one parent do not all read alike.
 */
public final class PromptTemplates {

    /** The system message: role, target, hardware and rules. */
    public static final String SYSTEM = "system.txt";
    /** Task: improve the parent with SEARCH/REPLACE blocks. */
    public static final String DIFF = "diff.txt";
    /** Task: rewrite the parent's evolve block in full. */
    public static final String REWRITE = "rewrite.txt";
    /** Task: combine two parents. */
    public static final String CROSSOVER = "crossover.txt";
    /** Task: fix a child that failed evaluation. */
    public static final String REPAIR = "repair.txt";
    /** Section appended when the previous reply could not be applied. */
    public static final String EDIT_REJECTED = "edit-rejected.txt";
    /** Section appended when earlier children of the parent repeated known programs (duplicates, near copies). */
    public static final String EARLIER = "earlier-proposals.txt";
    /** Alternative opening sentences of the system message. */
    public static final String INTRO = "intro.txt";
    /** Alternative directions of effort for a task. */
    public static final String EMPHASIS = "emphasis.txt";

    /** Request to rewrite the prompts' guidance from how the children of each piece fared (guidance evolution). */
    public static final String GUIDANCE_REWRITE = "guidance-rewrite.txt";

    /** Every template name, in the order they are loaded. */
    public static final List<String> NAMES = List.of(SYSTEM, DIFF, REWRITE, CROSSOVER, REPAIR, EDIT_REJECTED, EARLIER, INTRO,
            EMPHASIS, GUIDANCE_REWRITE);

    private static final String RESOURCE_DIR = "/dev/evolve/engine/mutate/llm/";

    private final Map<String, String> texts;
    private final Map<String, String> origins;

    private PromptTemplates(Map<String, String> texts, Map<String, String> origins) {
        this.texts = Map.copyOf(texts);
        this.origins = Map.copyOf(origins);
    }

    /** The shipped templates for Java targets. */
    public static PromptTemplates defaults() {
        return defaults("java");
    }

    /** The shipped templates for targets in {@code language} ({@link dev.evolve.kernels.Target#language()}). */
    public static PromptTemplates defaults(String language) {
        return load(Optional.empty(), language);
    }

    /**
     * The shipped templates, each replaced by the file of the same name in {@code overrideDir} where one exists.
     *
     * @throws IllegalArgumentException if {@code overrideDir} is not a directory
     * @throws UncheckedIOException     if an override exists but cannot be read
     */
    public static PromptTemplates withOverrides(Path overrideDir) {
        return withOverrides(overrideDir, "java");
    }

    /** {@link #withOverrides(Path)} over the defaults for {@code language}. */
    public static PromptTemplates withOverrides(Path overrideDir, String language) {
        if (!Files.isDirectory(overrideDir)) {
            throw new IllegalArgumentException("prompt override directory " + overrideDir + " is not a directory");
        }
        return load(Optional.of(overrideDir), language);
    }

    private static PromptTemplates load(Optional<Path> overrideDir, String language) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (String name : NAMES) {
            Optional<Path> override = overrideDir.map(d -> d.resolve(name)).filter(Files::isRegularFile);
            if (override.isPresent()) {
                try {
                    texts.put(name, normalize(Files.readString(override.get())));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read prompt template " + override.get(), e);
                }
                origins.put(name, override.get().toString());
            } else {
                String path = languagePath(language, name);
                texts.put(name, normalize(resource(path)));
                origins.put(name, "resource " + RESOURCE_DIR + path);
            }
        }
        return new PromptTemplates(texts, origins);
    }

    /** The resource holding {@code name} for {@code language}: its own, else the generic one, else Java's. */
    private static String languagePath(String language, String name) {
        if (!"java".equals(language)) {
            for (String dir : List.of(language, "generic")) {
                if (PromptTemplates.class.getResource(RESOURCE_DIR + dir + "/" + name) != null) {
                    return dir + "/" + name;
                }
            }
        }
        return name;
    }

    private static String resource(String name) {
        try (InputStream in = PromptTemplates.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("default prompt template " + RESOURCE_DIR + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read default prompt template " + name, e);
        }
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The text of one template. */
    public String text(String name) {
        String text = texts.get(name);
        if (text == null) {
            throw new IllegalArgumentException("no prompt template " + name + "; templates: " + NAMES);
        }
        return text;
    }

    /** Where a template came from: an override file's path or the default resource. */
    public String origin(String name) {
        text(name);
        return origins.get(name);
    }

    /** The alternatives held by a template: its text split at lines of {@code ---}, blank alternatives dropped. */
    public List<String> alternatives(String name) {
        List<String> out = new ArrayList<>();
        for (String part : text(name).split("(?m)^---[ \t]*$")) {
            String trimmed = part.strip();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("prompt template " + name + " (" + origin(name) + ") holds no alternative");
        }
        return List.copyOf(out);
    }
}
