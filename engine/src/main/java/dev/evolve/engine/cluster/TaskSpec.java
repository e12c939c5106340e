package dev.evolve.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.record.EvaluationSection;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.kernels.Target;
import java.nio.file.Path;

/**
 * What a member needs besides the source to evaluate a candidate: the target (a built-in name, or a
 * folder's files) and the run's evaluation settings, as JSON. Nothing else of the run's configuration
 * travels: no model settings, no key names, no paths of the coordinator's machine (the OpenCL device
 * and a plug-in jar are the member's own business).
 *
 * @param target         a built-in target's name, or the bundled folder's name
 * @param evaluationJson the run's {@link EvaluationSection} as JSON
 * @param bundle         the target folder's files; null for a built-in target
 */
record TaskSpec(String target, String evaluationJson, TargetBundle bundle) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    TaskSpec {
        if (target == null || target.isBlank() || evaluationJson == null) {
            throw new IllegalArgumentException("a task names its target and its evaluation settings");
        }
    }

    /** The spec of a run's tasks, from its configuration. */
    static TaskSpec of(RunConfig config) {
        EvaluationSection e = config.evaluation();
        EvaluationSection sent = new EvaluationSection(e.workers(), e.workerHeapMb(), e.timingSize(), e.retimeInterval(),
                e.jmh(), null, null, e.sandbox());
        String json;
        try {
            json = JSON.writeValueAsString(sent);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        boolean builtIn = TargetCatalog.builtIns().stream().anyMatch(t -> t.name().equals(config.target()));
        if (builtIn) {
            return new TaskSpec(config.target(), json, null);
        }
        TargetBundle bundle = TargetBundle.of(Path.of(config.target()));
        return new TaskSpec(bundle.name(), json, bundle);
    }

    /** The evaluation settings, checked as a configuration file's would be. */
    EvaluationSection evaluation() {
        try {
            return JSON.readValue(evaluationJson, EvaluationSection.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the task's evaluation settings do not read: " + e.getOriginalMessage());
        }
    }

    /** What identifies one evaluator on a member: the target's content and the settings. */
    String key() {
        return (bundle == null ? "builtin:" + target : "bundle:" + bundle.hash()) + "|" + evaluationJson;
    }

    /**
     * The target on the member: a built-in by name (only a built-in: a name never reaches the
     * member's own files), or the bundle unpacked under {@code cache}.
     */
    Target resolve(Path cache, Integer timingSize) {
        if (bundle == null) {
            if (TargetCatalog.builtIns().stream().noneMatch(t -> t.name().equals(target))) {
                throw new IllegalArgumentException("this member has no built-in target '" + target + "'");
            }
            return TargetCatalog.resolve(target, timingSize);
        }
        return TargetCatalog.resolve(bundle.unpackInto(cache).toString(), timingSize);
    }
}
