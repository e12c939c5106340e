package dev.evolve.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The evolved prompt guidance of a run, from {@code summary.json}'s {@code guidance} object: the winning piece and
 * the population with how each piece's children scored. Absent for runs without guidance evolution.
 *
 * @param winner  the piece whose children gained most
 * @param members the pieces in use at the end
 * @param rewrites rewrites asked for, and accepted
 */
record GuidanceTable(Piece winner, List<Piece> members, long rewrites, long accepted) {

    /** One piece: its id, origin, children credited, mean and best gain, text. */
    record Piece(String id, String origin, long children, double meanGain, double bestGain, String text) {
        static Piece of(JsonNode n) {
            return new Piece(n.path("id").asText(), n.path("origin").asText(), n.path("children").asLong(),
                    n.path("mean_gain").asDouble(), n.path("best_gain").asDouble(), n.path("text").asText());
        }

        String figures() {
            return String.format(Locale.ROOT, "%d children, mean gain %.3f, best %.3f", children, meanGain, bestGain);
        }
    }

    /** The run's guidance, or empty when its summary has none (or cannot be read: the figures say so already). */
    static Optional<GuidanceTable> read(Path runDir) {
        try {
            Path file = runDir.resolve("summary.json");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode g = new ObjectMapper().readTree(file.toFile()).path("guidance");
            if (!g.isObject() || !g.path("winner").isObject()) {
                return Optional.empty();
            }
            List<Piece> members = new ArrayList<>();
            g.path("members").forEach(m -> members.add(Piece.of(m)));
            return Optional.of(new GuidanceTable(Piece.of(g.path("winner")), members, g.path("rewrites").asLong(),
                    g.path("rewrites_accepted").asLong()));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The Markdown section. */
    String markdown() {
        StringBuilder out = new StringBuilder("## Prompt guidance\n\n");
        out.append("Winning guidance **").append(winner.id()).append("** (").append(winner.origin()).append("; ")
                .append(winner.figures()).append("):\n\n");
        winner.text().lines().forEach(l -> out.append("> ").append(l).append('\n'));
        out.append("\n").append(rewrites).append(" rewrites asked for, ").append(accepted).append(" accepted.\n\n")
                .append("| id | origin | children | mean gain | best gain | guidance |\n|---|---|---:|---:|---:|---|\n");
        for (Piece p : members) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %s |%n", p.id(), p.origin(),
                    p.children(), p.meanGain(), p.bestGain(), p.text().replace("|", "\\|").replace("\n", " ")));
        }
        return out.append('\n').toString();
    }

    /** The HTML section. */
    String html() {
        StringBuilder out = new StringBuilder("<section id=\"guidance\">\n<h2>Prompt guidance</h2>\n");
        out.append("<p>Winning guidance <b>").append(Html.escape(winner.id())).append("</b> (")
                .append(Html.escape(winner.origin() + "; " + winner.figures())).append("):</p>\n<blockquote>")
                .append(Html.escape(winner.text())).append("</blockquote>\n<p>").append(rewrites)
                .append(" rewrites asked for, ").append(accepted).append(" accepted.</p>\n")
                .append("<table><thead><tr><th>id</th><th>origin</th><th>children</th><th>mean gain</th>")
                .append("<th>best gain</th><th>guidance</th></tr></thead><tbody>\n");
        for (Piece p : members) {
            out.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td>"
                    + "<td>%s</td></tr>%n", Html.escape(p.id()), Html.escape(p.origin()), p.children(), p.meanGain(),
                    p.bestGain(), Html.escape(p.text())));
        }
        return out.append("</tbody></table>\n</section>\n").toString();
    }
}
