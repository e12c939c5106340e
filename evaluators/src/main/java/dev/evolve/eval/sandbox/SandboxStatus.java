package dev.evolve.eval.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sandbox in force for what was asked, and why: what {@code summary.json} and the event log
 * record, and what {@code auto} warns about when it falls back to plain processes.
 *
 * @param reason one line: why this sandbox (for a fallback, what did not work)
 */
public record SandboxStatus(SandboxMode requested, Sandbox sandbox, String reason) {

    public SandboxStatus {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code auto} asked for bubblewrap and got plain processes. */
    public boolean fellBack() {
        return requested == SandboxMode.AUTO && !(sandbox instanceof Bubblewrap);
    }

    /** {@code {"requested": ..., "mode": ..., "reason": ...}}: the {@code sandbox} key of summary.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", requested.key());
        m.put("mode", sandbox.mode());
        m.put("reason", reason);
        return m;
    }

    /** The warning {@code auto} shows when it falls back; empty otherwise. */
    public String warning() {
        return fellBack() ? "no OS sandbox: " + reason + "; candidates run as plain processes with this user's "
                + "rights (install bubblewrap, or set 'sandbox: process' to silence this)" : "";
    }
}
