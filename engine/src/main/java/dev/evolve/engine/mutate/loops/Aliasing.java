package dev.evolve.engine.mutate.loops;

/**
 * What the dependence test may assume about two different array parameters (or constant elements of one,
 * {@code in[0]} and {@code in[1]}). Arrays allocated in the block never alias anything either way; an array
 * local whose origin is unknown may alias every other array under both policies.
 */
public enum Aliasing {
    /**
     * Distinct parameters are distinct arrays. True of every Java target here: the harness makes each input and
     * output array separately ({@code Problem} and the folder kernels' input builder) and never passes one twice.
     */
    DISTINCT_PARAMETERS,
    /** Any two non-fresh arrays may be one and the same: a write to one depends on every access to the other. */
    MAY_ALIAS;

    /** Whether accesses to these two roots may touch the same storage. */
    public boolean mayAlias(String rootA, String rootB, java.util.Set<String> fresh) {
        if (rootA.equals(rootB) || rootA.startsWith(rootB + "[") || rootB.startsWith(rootA + "[")) {
            return true;                       // in[1][i] and x[i] with x = in[1] are the same storage
        }
        if (fresh.contains(rootA) || fresh.contains(rootB)) {
            return false;
        }
        return this == MAY_ALIAS || rootA.startsWith("?") || rootB.startsWith("?");
    }
}
