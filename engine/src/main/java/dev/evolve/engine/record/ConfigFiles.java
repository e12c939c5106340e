package dev.evolve.engine.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes {@link RunConfig} as YAML, in one layering: defaults, then a file, then flags. A
 * file is in the sectioned shape ({@code stop:}, {@code search:}, {@code database:},
 * {@code evaluation:}, {@code models:}) or the older flat one ({@code islands: 6}, {@code llm_in_flight: 8},
 * {@code models: [...]}), key by key, so that run folders written before sections still resume. Flags
 * use the flat keys or {@code section.key}.
 */
public final class ConfigFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Each section and the record that defines its keys. */
    private static final Map<String, Class<? extends Record>> SECTIONS = Map.of("stop", StopSection.class,
            "search", SearchSection.class, "database", DatabaseSection.class, "evaluation", EvaluationSection.class,
            "models", ModelsSection.class, "cluster", ClusterSection.class);
    private static final Set<String> TOP = Set.of("target", "seed");

    /** The flat keys of configurations written before sections, and where each lives now. */
    static final Map<String, String> FLAT = Map.ofEntries(
            Map.entry("budget", "stop.budget"), Map.entry("iterations", "stop.iterations"),
            Map.entry("mutator", "search.mutator"), Map.entry("recipe_length", "search.recipe_length"),
            Map.entry("population", "search.population"), Map.entry("generations", "search.generations"),
            Map.entry("islands", "database.islands"), Map.entry("features", "database.features"),
            Map.entry("exploitation", "database.exploitation"), Map.entry("inspirations", "database.inspirations"),
            Map.entry("migration_interval", "database.migration_interval"),
            Map.entry("reset_interval", "database.reset_interval"),
            Map.entry("workers", "evaluation.workers"), Map.entry("worker_heap_mb", "evaluation.worker_heap_mb"),
            Map.entry("timing_size", "evaluation.timing_size"), Map.entry("retime_interval", "evaluation.retime_interval"),
            Map.entry("jmh", "evaluation.jmh"), Map.entry("device", "evaluation.device"),
            Map.entry("evaluator_jar", "evaluation.evaluator_jar"), Map.entry("sandbox", "evaluation.sandbox"),
            Map.entry("models", "models.list"), Map.entry("llm_budget_usd", "models.budget_usd"),
            Map.entry("llm_in_flight", "models.in_flight"), Map.entry("llm_attempts", "models.attempts"),
            Map.entry("llm_retries", "models.retries"), Map.entry("on_model_failure", "models.on_model_failure"),
            Map.entry("replay", "models.replay"), Map.entry("templates", "models.templates"));

    private ConfigFiles() {
    }

    /**
     * The effective configuration: the defaults for {@code target}, overlaid by the YAML file (if
     * any), overlaid by {@code flags} (flat keys or {@code section.key}; null values are ignored).
     * An iteration count given without a budget drops the default time budget.
     *
     * @throws RunConfig.InvalidConfigException naming the key and the file when anything is wrong
     */
    public static RunConfig effective(String target, Path file, Map<String, ?> flags) {
        String source = file == null ? "the command line" : file.toString();
        Map<String, Map<String, Object>> fromFile = file == null ? Map.of() : layer(readMap(file), file.toString());
        Object named = fromFile.getOrDefault("", Map.of()).get("target");
        if (named != null && !target.equals(named)) {
            throw new RunConfig.InvalidConfigException("target", file + " names target '" + named
                    + "' but the command names '" + target + "'");
        }
        Map<String, Object> given = new LinkedHashMap<>();
        flags.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        return convert(merged(target, fromFile, layer(given, "the command line")), source);
    }

    /** Reads a configuration written by {@link #write}, in either shape. */
    public static RunConfig read(Path file) {
        Map<String, Map<String, Object>> fromFile = layer(readMap(file), file.toString());
        Object target = fromFile.getOrDefault("", Map.of()).get("target");
        if (!(target instanceof String name)) {
            throw new RunConfig.InvalidConfigException("target", file + " names no target");
        }
        return convert(merged(name, fromFile, Map.of()), file.toString());
    }

    /** Writes the configuration in the sectioned shape. */
    public static void write(RunConfig config, Path file) {
        try {
            RunFolder.writeAtomically(file, YAML.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as YAML", e);
        }
    }

    /**
     * The keys of a configuration file in the flat shape, whatever shape it was written in, without
     * checking anything: for readers that want a few values of a file that may be damaged (a report).
     */
    public static Map<String, Object> flat(Map<String, Object> raw) {
        Map<String, String> byPath = new java.util.HashMap<>();
        FLAT.forEach((key, path) -> byPath.put(path, key));
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (SECTIONS.containsKey(key) && value instanceof Map<?, ?> section) {
                section.forEach((inner, v) -> out.put(byPath.getOrDefault(key + "." + inner, key + "." + inner), v));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** Defaults, then each layer in turn, section by section. */
    @SafeVarargs
    private static Map<String, Object> merged(String target, Map<String, Map<String, Object>>... layers) {
        Map<String, Object> tree = YAML.convertValue(RunConfig.defaults(target), new TypeReference<>() {
        });
        boolean budget = false;
        boolean iterations = false;
        for (var layer : layers) {
            for (var section : layer.entrySet()) {
                if (section.getKey().isEmpty()) {
                    tree.putAll(section.getValue());
                    continue;
                }
                @SuppressWarnings("unchecked")
                var into = (Map<String, Object>) tree.computeIfAbsent(section.getKey(), k -> new LinkedHashMap<>());
                into.putAll(section.getValue());
            }
            var stop = layer.getOrDefault("stop", Map.of());
            budget |= stop.containsKey("budget");
            iterations |= stop.containsKey("iterations");
        }
        if (iterations && !budget) {
            ((Map<?, ?>) tree.get("stop")).remove("budget");   // an iteration count alone bounds the run
        }
        return tree;
    }

    /**
     * One layer as {@code section -> key -> value} ({@code ""} for the top-level keys), whatever the
     * shape it was written in; unknown keys are refused with the list of known ones.
     */
    private static Map<String, Map<String, Object>> layer(Map<String, Object> map, String source) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (TOP.contains(key)) {
                out.computeIfAbsent("", k -> new LinkedHashMap<>()).put(key, value);
            } else if (SECTIONS.containsKey(key) && value instanceof Map<?, ?> section) {
                section.forEach((inner, v) -> put(out, key, String.valueOf(inner), v, source));
            } else if (FLAT.containsKey(key)) {
                String[] path = FLAT.get(key).split("\\.");
                put(out, path[0], path[1], value, source);
            } else if (key.contains(".") && SECTIONS.containsKey(key.substring(0, key.indexOf('.')))) {
                put(out, key.substring(0, key.indexOf('.')), key.substring(key.indexOf('.') + 1), value, source);
            } else {
                Set<String> known = new TreeSet<>(TOP);
                known.addAll(SECTIONS.keySet());
                known.addAll(FLAT.keySet());
                throw new RunConfig.InvalidConfigException(key, "unknown key in " + source + "; known keys: " + known);
            }
        });
        return out;
    }

    private static void put(Map<String, Map<String, Object>> out, String section, String key, Object value,
                            String source) {
        List<String> keys = keysOf(SECTIONS.get(section));
        if (!keys.contains(key)) {
            throw new RunConfig.InvalidConfigException(section + "." + key, "unknown key in " + source
                    + "; the keys of '" + section + "' are " + keys);
        }
        out.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
    }

    /** The keys of a section: its components in snake_case, as its {@code @JsonNaming} names them. */
    private static List<String> keysOf(Class<? extends Record> section) {
        var snakeCase = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        return Arrays.stream(section.getRecordComponents()).map(c -> snakeCase.translate(c.getName())).toList();
    }

    private static Map<String, Object> readMap(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new RunConfig.InvalidConfigException("config", "cannot read " + file);
        }
        try {
            Map<String, Object> map = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            return map == null ? new LinkedHashMap<>() : map;
        } catch (JsonProcessingException e) {
            throw new RunConfig.InvalidConfigException("config", file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RunConfig.InvalidConfigException("config", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static RunConfig convert(Map<String, Object> tree, String source) {
        try {
            return YAML.convertValue(tree, RunConfig.class);
        } catch (IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RunConfig.InvalidConfigException invalid) {
                    throw invalid;
                }
            }
            if (e.getCause() instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                // a nested section (models.guidance) with a key it does not have
                throw new RunConfig.InvalidConfigException(u.getPropertyName(), "unknown key in " + source
                        + "; the known keys there are " + new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList()));
            }
            if (e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
                var path = jme.getPath();
                String key = path.getLast().getFieldName() != null ? path.getLast().getFieldName()
                        : path.getFirst().getFieldName();
                Object value = valueAt(tree, path);
                throw new RunConfig.InvalidConfigException(key == null ? "config" : key,
                        "in " + source + ": value " + (value == null ? "null" : "'" + value + "'") + " has the wrong type");
            }
            throw new RunConfig.InvalidConfigException("config", "in " + source + ": " + e.getMessage());
        }
    }

    private static Object valueAt(Object tree, List<JsonMappingException.Reference> path) {
        Object at = tree;
        for (var ref : path) {
            if (at instanceof Map<?, ?> m && ref.getFieldName() != null) {
                at = m.get(ref.getFieldName());
            } else if (at instanceof List<?> l && ref.getIndex() >= 0 && ref.getIndex() < l.size()) {
                at = l.get(ref.getIndex());
            } else {
                return null;
            }
        }
        return at;
    }
}
