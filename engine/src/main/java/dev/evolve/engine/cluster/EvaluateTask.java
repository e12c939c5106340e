package dev.evolve.engine.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The one task the coordinator sends: evaluate {@code source} for a target, as attempt
 * {@code attempt} of candidate {@code candidate}. It carries data only (the target's name or its
 * folder's files, the evaluation settings as JSON, the source); the member's {@link WorkerService}
 * does the work in its sandboxed worker JVMs and answers with a {@link Reply} as JSON text. Reading
 * refuses what does not fit (too long, too many files), so a corrupt payload is an error for its
 * sender, not a crash of the member.
 */
final class EvaluateTask implements Callable<String>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** The layout of this type on the wire; a member refuses other layouts. */
    static final int LAYOUT = 1;
    static final int MAX_SOURCE_CHARS = 1 << 20;
    static final int MAX_FILES = 1000;

    private String version;
    private String candidate;
    private int attempt;
    private String target;
    private String evaluation;
    private TargetBundle bundle;
    private String source;
    private transient HazelcastInstance member;

    EvaluateTask() {
        // for the factory
    }

    EvaluateTask(String candidate, int attempt, TaskSpec spec, String source) {
        this.version = EngineVersion.current();
        this.candidate = candidate;
        this.attempt = attempt;
        this.target = spec.target();
        this.evaluation = spec.evaluationJson();
        this.bundle = spec.bundle();
        this.source = source;
    }

    String version() { return version; }
    String candidate() { return candidate; }
    int attempt() { return attempt; }
    String source() { return source; }

    TaskSpec spec() {
        return new TaskSpec(target, evaluation, bundle);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public String call() {
        Object service = member == null ? null : member.getUserContext().get(WorkerService.KEY);
        if (!(service instanceof WorkerService worker)) {
            return Reply.error("this member evaluates nothing (it is not an evolve worker)").toJson();
        }
        return worker.evaluate(this).toJson();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(LAYOUT);
        out.writeString(version);
        out.writeString(candidate);
        out.writeInt(attempt);
        out.writeString(target);
        out.writeString(evaluation);
        out.writeBoolean(bundle != null);
        if (bundle != null) {
            out.writeString(bundle.name());
            out.writeInt(bundle.files().size());
            for (var e : bundle.files().entrySet()) {
                out.writeString(e.getKey());
                out.writeByteArray(e.getValue());
            }
        }
        out.writeString(source);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int layout = in.readInt();
        if (layout != LAYOUT) {
            throw new IOException("an evaluation task of layout " + layout + " (this member reads " + LAYOUT + ")");
        }
        version = in.readString();
        candidate = in.readString();
        attempt = in.readInt();
        target = in.readString();
        evaluation = in.readString();
        if (in.readBoolean()) {
            String name = in.readString();
            int count = in.readInt();
            if (count < 0 || count > MAX_FILES) {
                throw new IOException("a target bundle of " + count + " files");
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                files.put(in.readString(), in.readByteArray());
            }
            try {
                bundle = new TargetBundle(name, files);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        source = in.readString();
        if (version == null || candidate == null || target == null || evaluation == null || source == null
                || attempt < 1 || source.length() > MAX_SOURCE_CHARS) {
            throw new IOException("an evaluation task with missing or out-of-range fields");
        }
    }

    @Override
    public int getFactoryId() {
        return WireFactory.ID;
    }

    @Override
    public int getClassId() {
        return WireFactory.EVALUATE_TASK;
    }
}
