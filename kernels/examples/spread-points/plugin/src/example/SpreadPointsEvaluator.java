package example;

import dev.evolve.eval.plugin.Candidate;
import dev.evolve.eval.plugin.InvalidCandidateException;
import dev.evolve.eval.plugin.ProgramEvaluator;
import dev.evolve.eval.plugin.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores a set of points in the unit square by their repulsion energy, the sum over all pairs of
 * 1 / distance^2: the more evenly spread, the lower (the target says {@code goal: minimize}). The
 * smallest distance between two points is reported beside it. The candidate is a text file of
 * "x y" lines; lines starting with # are comments.
 */
public final class SpreadPointsEvaluator implements ProgramEvaluator {

    static final int POINTS = 8;

    @Override
    public String name() {
        return "spread-points";
    }

    @Override
    public Score evaluate(Candidate candidate) throws InvalidCandidateException {
        List<double[]> points = new ArrayList<>();
        int lineNumber = 0;
        for (String line : candidate.source().lines().toList()) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            if (parts.length != 2) {
                throw new InvalidCandidateException("line " + lineNumber + ": expected 'x y', found '" + text + "'");
            }
            double x = coordinate(parts[0], lineNumber);
            double y = coordinate(parts[1], lineNumber);
            points.add(new double[] {x, y});
        }
        if (points.size() != POINTS) {
            throw new InvalidCandidateException("expected " + POINTS + " points, found " + points.size());
        }
        double energy = 0;
        double smallest = Double.POSITIVE_INFINITY;
        int first = 0;
        int second = 0;
        for (int i = 0; i < POINTS; i++) {
            for (int j = i + 1; j < POINTS; j++) {
                double d = Math.hypot(points.get(i)[0] - points.get(j)[0], points.get(i)[1] - points.get(j)[1]);
                if (d == 0) {
                    throw new InvalidCandidateException("points " + (i + 1) + " and " + (j + 1) + " coincide");
                }
                energy += 1 / (d * d);
                if (d < smallest) {
                    smallest = d;
                    first = i;
                    second = j;
                }
            }
        }
        return Score.of("energy", energy)
                .withMetric("min_distance", smallest)
                .withArtifact("hint", String.format(Locale.ROOT,
                        "the closest pair is point %d and point %d (distance %.4f): moving them apart lowers the energy",
                        first + 1, second + 1, smallest));
    }

    private static double coordinate(String text, int line) throws InvalidCandidateException {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidCandidateException("line " + line + ": '" + text + "' is not a number");
        }
        if (!(v >= 0 && v <= 1)) {
            throw new InvalidCandidateException("line " + line + ": " + text + " lies outside [0, 1]");
        }
        return v;
    }
}
