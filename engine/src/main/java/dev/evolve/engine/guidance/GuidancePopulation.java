package dev.evolve.engine.guidance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pieces of guidance in use, at most {@code size}, and their record: sampled for prompts, credited with their
 * children's gains, and renewed by rewrites (a new piece joins while there is room, else takes the place of the
 * weakest). Its {@link State} is what the run database keeps, so a resumed run carries on with it.
 * Thread-safe: model threads sample, the loop credits.
 */
public final class GuidancePopulation {

    /** Pieces retired by rewrites kept for the record, at most. */
    static final int RETIRED_KEPT = 100;

    /**
     * Everything a resume needs, as stored.
     *
     * @param nextId   the number of the next piece
     * @param credited children credited in all
     * @param attempts rewrites asked for (each answered, refused or failed)
     * @param accepted rewrites whose piece joined
     * @param calls    model calls made for rewrites
     * @param members  the pieces in use, in the order they joined
     * @param retired  pieces a rewrite replaced, oldest first
     * @param samples  prompts given guidance so far (the number of the next)
     * @param pending  what became of children whose credit is not counted yet (it counts an epoch later)
     */
    public record State(@JsonProperty("next_id") int nextId, @JsonProperty("credited") long credited,
                        @JsonProperty("attempts") long attempts, @JsonProperty("accepted") long accepted,
                        @JsonProperty("calls") long calls, @JsonProperty("members") List<GuidanceMember> members,
                        @JsonProperty("retired") List<GuidanceMember> retired, @JsonProperty("samples") long samples,
                        @JsonProperty("pending") List<Credit> pending) {
        public State {
            members = members == null ? List.of() : List.copyOf(members);
            retired = retired == null ? List.of() : List.copyOf(retired);
            pending = pending == null ? List.of() : List.copyOf(pending);
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a guidance population needs a member");
            }
        }
    }

    /** What became of the child of prompt {@code sample}, given piece {@code id}. */
    public record Credit(@JsonProperty("sample") long sample, @JsonProperty("id") String id,
                         @JsonProperty("gain") double gain, @JsonProperty("note") String note) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final int size;
    private int nextId;
    private long credited;
    private long attempts;
    private long accepted;
    private long calls;
    private final List<GuidanceMember> members = new ArrayList<>();
    private final List<GuidanceMember> retired = new ArrayList<>();

    /** A population of the {@code seeds} (the first {@code size} of them, duplicates dropped). */
    public GuidancePopulation(List<String> seeds, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a guidance population holds at least 2 pieces, was " + size);
        }
        this.size = size;
        for (String seed : seeds) {
            if (members.size() < size && !seed.isBlank() && members.stream().noneMatch(m -> m.text().equals(seed.strip()))) {
                members.add(GuidanceMember.fresh("g" + ++nextId, seed.strip(), "seed"));
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no seed guidance (the emphasis template holds no alternative)");
        }
    }

    /** Takes over a stored state (a resumed run); pieces beyond {@code size} are kept until rewrites retire them. */
    public synchronized void restore(State state) {
        nextId = state.nextId();
        credited = state.credited();
        attempts = state.attempts();
        accepted = state.accepted();
        calls = state.calls();
        members.clear();
        members.addAll(state.members());
        retired.clear();
        retired.addAll(state.retired());
    }

    /** The population's part of the state; {@code samples} and {@code pending} as given. */
    public synchronized State state(long samples, List<Credit> pending) {
        return new State(nextId, credited, attempts, accepted, calls, members, retired, samples, pending);
    }

    public synchronized State state() {
        return state(0, List.of());
    }

    /** The pieces in use, with their figures as they stand. */
    public synchronized List<GuidanceMember> members() {
        return List.copyOf(members);
    }

    public static String toJson(State state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the guidance state", e);
        }
    }

    /** @throws IllegalArgumentException the text is not a guidance state */
    public static State fromJson(String json) {
        try {
            return JSON.readValue(json, State.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the guidance state is damaged: " + e.getOriginalMessage(), e);
        }
    }

    /** A child of piece {@code id} had {@code gain}; a piece retired meanwhile is not credited. */
    public synchronized void credit(String id, double gain, String note) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id().equals(id)) {
                members.set(i, members.get(i).credited(gain, note));
                credited++;
                return;
            }
        }
    }

    /** Whether a rewrite has something to learn from: two pieces tried. */
    public synchronized boolean comparable() {
        return members.stream().filter(m -> m.children() > 0).count() >= 2;
    }

    /** A rewrite was asked for; {@code calls} model calls were made for it. */
    public synchronized void attempted(long calls) {
        attempts++;
        this.calls += calls;
    }

    /** The tried piece with the highest mean gain (more children on a tie), else the first piece. */
    public synchronized GuidanceMember best() {
        return best(members);
    }

    /** The tried piece of {@code members} with the highest mean gain (more children on a tie), else the first. */
    static GuidanceMember best(List<GuidanceMember> members) {
        return members.stream().filter(m -> m.children() > 0)
                .max(Comparator.comparingDouble(GuidanceMember::meanGain).thenComparingLong(GuidanceMember::children))
                .orElse(members.getFirst());
    }

    /** The tried piece other than the best with the lowest mean gain (more children on a tie: surer), if any. */
    public synchronized Optional<GuidanceMember> weakest() {
        GuidanceMember best = best();
        return members.stream().filter(m -> m.children() > 0 && m != best)
                .min(Comparator.comparingDouble(GuidanceMember::meanGain)
                        .thenComparing(Comparator.comparingLong(GuidanceMember::children).reversed()));
    }

    /**
     * Adds {@code text} as a new piece: beside the others while there is room, else in place of the weakest.
     *
     * @return the new piece and the one it replaced (null when it was added)
     */
    public synchronized GuidanceMember[] join(String text) {
        GuidanceMember fresh = GuidanceMember.fresh("g" + ++nextId, text, "rewrite " + attempts);
        accepted++;
        GuidanceMember replaced = null;
        if (members.size() >= size) {
            replaced = weakest().orElse(members.getLast());
            members.set(members.indexOf(replaced), fresh);
            retired.add(replaced);
            while (retired.size() > RETIRED_KEPT) {
                retired.removeFirst();
            }
        } else {
            members.add(fresh);
        }
        return new GuidanceMember[] {fresh, replaced};
    }

    /** The texts in use. */
    public synchronized List<String> texts() {
        return members.stream().map(GuidanceMember::text).toList();
    }
}
