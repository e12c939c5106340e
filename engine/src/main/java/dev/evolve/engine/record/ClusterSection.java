package dev.evolve.engine.record;

import static dev.evolve.engine.record.RunConfig.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;

/**
 * Evaluation on a cluster of {@code evolve worker} members: the address of one member to
 * {@code join} ({@code HOST:PORT}), the cluster {@code name}, the interface the coordinator
 * {@code bind}s to, whether the coordinator's {@code local_workers} evaluate too, the {@code lease}
 * after which a candidate still out on a member is sent again, and the most candidates
 * {@code in_flight} on the cluster at once. Absent from a configuration: no cluster.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClusterSection(String join, String name, String bind, Boolean localWorkers, String lease,
                             Integer inFlight) {

    public ClusterSection {
        require(join != null && join.matches("[^:\\s]+:\\d{1,5}"), "cluster.join",
                "must be HOST:PORT of a worker member, was '" + join + "'");
        name = name == null || name.isBlank() ? "evolve" : name;
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        localWorkers = localWorkers == null || localWorkers;
        lease = lease == null ? "10m" : lease;
        RunConfig.parseDuration(lease, "cluster.lease");
        inFlight = inFlight == null ? 16 : inFlight;
        require(inFlight >= 1 && inFlight <= 60, "cluster.in_flight", "must be in 1..60, was " + inFlight);
    }

    /** How long a member may hold a candidate before it is sent again (to another member where there is one). */
    public Duration leaseDuration() {
        return RunConfig.parseDuration(lease, "cluster.lease");
    }
}
