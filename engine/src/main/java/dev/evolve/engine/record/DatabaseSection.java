package dev.evolve.engine.record;

import static dev.evolve.engine.record.RunConfig.require;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.evolve.engine.db.DatabaseConfig;
import java.util.List;
import java.util.Map;

/**
 * The program database: {@code islands} evolving mostly apart, a MAP-Elites grid over {@code features},
 * parents drawn from elites with probability {@code exploitation}, {@code inspirations} shown beside a
 * parent, migration and reset every so many additions.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatabaseSection(int islands, List<String> features, double exploitation, int inspirations,
                              int migrationInterval, int resetInterval) {

    public static final DatabaseSection DEFAULT = new DatabaseSection(4,
            List.of("code_size", "vector_api", "parallel", "loop_depth"), 0.7, 3, 40, 120);

    public DatabaseSection {
        features = features == null ? null : List.copyOf(features);
        require(islands >= 1 && islands <= 64, "islands", "must be in 1..64, was " + islands);
        require(features != null && !features.isEmpty(), "features", "must name at least one feature dimension");
        require(exploitation >= 0 && exploitation <= 1, "exploitation", "must be in [0, 1], was " + exploitation);
        require(inspirations >= 0 && inspirations <= 16, "inspirations", "must be in 0..16, was " + inspirations);
        require(migrationInterval >= 1, "migration_interval", "must be >= 1, was " + migrationInterval);
        require(resetInterval >= 1, "reset_interval", "must be >= 1, was " + resetInterval);
    }

    /** The database's own configuration: this section, the database's defaults for the rest. */
    public DatabaseConfig toDatabaseConfig() {
        return DatabaseConfig.defaults()
                .withIslands(islands)
                .withFeatures(features, Map.of())
                .withExploitationRatio(exploitation)
                .withInspirations(inspirations)
                .withMigrationInterval(migrationInterval)
                .withResetInterval(resetInterval);
    }
}
