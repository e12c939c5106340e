package dev.evolve.engine.record;

import static dev.evolve.engine.record.RunConfig.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;

/**
 * When a run stops: after a wall-clock {@code budget} ({@code 90s}, {@code 10m}, {@code 1h}), after
 * {@code iterations} children, or at whichever comes first. At least one is needed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StopSection(String budget, Long iterations) {

    public static final StopSection DEFAULT = new StopSection("5m", null);

    public StopSection {
        if (budget != null) {
            RunConfig.parseDuration(budget, "budget");
        }
        require(iterations == null || iterations >= 1, "iterations", "must be >= 1, was " + iterations);
        require(budget != null || iterations != null, "budget", "a run needs a budget or an iteration count");
    }

    /** The wall-clock budget, or null when the run is bounded by iterations only. */
    public Duration duration() {
        return budget == null ? null : RunConfig.parseDuration(budget, "budget");
    }
}
