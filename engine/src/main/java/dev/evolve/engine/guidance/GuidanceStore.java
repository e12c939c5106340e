package dev.evolve.engine.guidance;

import dev.evolve.engine.db.ProgramDatabase;
import java.util.Optional;

/** Where the guidance population is kept between sessions of a run: the run database's {@code guidance} entry. */
public interface GuidanceStore {

    /** The run-state key. */
    String KEY = "guidance";

    /** The stored state's JSON, if any. */
    Optional<String> load();

    /** Stores the state's JSON, committed before this returns. */
    void save(String json);

    /** The entry in {@code db}'s run state. */
    static GuidanceStore in(ProgramDatabase db) {
        return new GuidanceStore() {
            @Override
            public Optional<String> load() {
                return db.getState(KEY);
            }

            @Override
            public void save(String json) {
                db.putState(KEY, json);
            }
        };
    }

    /** Keeps nothing (a population before it is bound to a run database). */
    GuidanceStore NONE = new GuidanceStore() {
        @Override
        public Optional<String> load() {
            return Optional.empty();
        }

        @Override
        public void save(String json) {
        }
    };
}
