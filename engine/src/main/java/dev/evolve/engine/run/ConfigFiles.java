package dev.evolve.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads and writes {@link RunConfig} as YAML: defaults, then a file, then flags. */
public final class ConfigFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigFiles() {
    }

    /**
     * The effective configuration: the defaults for {@code target}, overlaid by the YAML file (if
     * any), overlaid by {@code flags} (keys as in YAML; null values are ignored).
     *
     * @throws RunConfig.InvalidConfigException naming the key and the file when anything is wrong
     */
    public static RunConfig effective(String target, Path file, Map<String, Object> flags) {
        Map<String, Object> merged = YAML.convertValue(RunConfig.defaults(target), new TypeReference<>() {
        });
        Set<String> known = new TreeSet<>(merged.keySet());
        known.addAll(java.util.List.of("iterations", "timing_size", "llm_budget_usd", "replay", "templates",
                "evaluator_jar", "device"));
        if (file != null) {
            Map<String, Object> fromFile = readMap(file);
            for (String key : fromFile.keySet()) {
                if (!known.contains(key)) {
                    throw new RunConfig.InvalidConfigException(key, "unknown key in " + file + "; known keys: " + known);
                }
            }
            if (fromFile.containsKey("target") && !target.equals(fromFile.get("target"))) {
                throw new RunConfig.InvalidConfigException("target", file + " names target '" + fromFile.get("target")
                        + "' but the command names '" + target + "'");
            }
            merged.putAll(fromFile);
        }
        boolean budgetGiven = flags.get("budget") != null || (file != null && readMap(file).containsKey("budget"));
        boolean iterationsGiven = flags.get("iterations") != null || (file != null && readMap(file).containsKey("iterations"));
        if (iterationsGiven && !budgetGiven) {
            merged.remove("budget");          // an iteration count alone bounds the run; no default time limit
        }
        flags.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return convert(merged, file == null ? "the command line" : file.toString());
    }

    /** Reads an effective configuration written by {@link #write}. */
    public static RunConfig read(Path file) {
        return convert(readMap(file), file.toString());
    }

    public static void write(RunConfig config, Path file) {
        try {
            RunFolder.writeAtomically(file, YAML.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as YAML", e);
        }
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

    private static RunConfig convert(Map<String, Object> map, String source) {
        try {
            return YAML.convertValue(map, RunConfig.class);
        } catch (IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RunConfig.InvalidConfigException invalid) {
                    throw invalid;
                }
            }
            Throwable cause = e.getCause();
            if (cause instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
                String key = jme.getPath().getFirst().getFieldName();
                throw new RunConfig.InvalidConfigException(key == null ? "config" : key,
                        "in " + source + ": value " + describe(map.get(key)) + " has the wrong type");
            }
            throw new RunConfig.InvalidConfigException("config", "in " + source + ": " + e.getMessage());
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
