package dev.evolve.engine.guidance;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Which piece of guidance a prompt gives: a piece no child has been credited to yet first (optimism: it could be
 * the best), else one drawn with weight {@code PRIOR + mean gain + EXPLORE * sqrt(ln N / n)} (N children in all,
 * n of the piece's own), an upper confidence bound drawn from rather than maximized, so that many requests in
 * flight at once do not all take the same piece. The draw uses only {@code random}: the same state gives the same
 * piece.
 */
public final class GuidanceBandit {

    /** Keeps every piece drawable while gains are all 0. */
    static final double PRIOR = 0.02;
    /** Weight of the confidence bound: small, as gains are fractions (0.3 is a child 30 % better than its parent). */
    static final double EXPLORE = 0.1;

    private GuidanceBandit() {
    }

    /** The index of the piece to give. */
    public static int pick(List<GuidanceMember> members, RandomGenerator random) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no guidance to pick from");
        }
        int untried = 0;
        long all = 0;
        for (GuidanceMember m : members) {
            untried += m.children() == 0 ? 1 : 0;
            all += m.children();
        }
        if (untried > 0) {
            int k = random.nextInt(untried);
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).children() == 0 && k-- == 0) {
                    return i;
                }
            }
        }
        double[] weights = weights(members, all);
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** The draw weights of pieces that have all been tried. */
    static double[] weights(List<GuidanceMember> members, long allChildren) {
        double ln = Math.log(Math.max(2, allChildren));
        double[] w = new double[members.size()];
        for (int i = 0; i < w.length; i++) {
            GuidanceMember m = members.get(i);
            w[i] = PRIOR + m.meanGain() + EXPLORE * Math.sqrt(ln / Math.max(1, m.children()));
        }
        return w;
    }
}
