package dev.evolve.engine.guidance;

import dev.evolve.engine.record.ModelsSection;
import dev.evolve.engine.record.RunFolder;
import java.nio.file.Path;
import java.util.Locale;

/** {@code guidance.md} in the run folder: the winning guidance, the population with its figures, what was retired. */
final class GuidanceFile {

    private GuidanceFile() {
    }

    static void write(Path runDir, GuidancePopulation.State state, ModelsSection.Guidance config) {
        if (runDir == null) {
            return;
        }
        RunFolder.writeAtomically(runDir.resolve(GuidanceEvolution.FILE), render(state, config));
    }

    static String render(GuidancePopulation.State state, ModelsSection.Guidance config) {
        GuidanceMember winner = GuidancePopulation.best(state.members());
        StringBuilder out = new StringBuilder("# Guidance\n\n");
        out.append(String.format(Locale.ROOT, "Winning guidance: **%s** (%s), mean gain %.3f over %d children"
                + " (best %.3f):%n%n", winner.id(), winner.origin(), winner.meanGain(), winner.children(),
                winner.bestGain()));
        winner.text().lines().forEach(l -> out.append("> ").append(l).append('\n'));
        out.append(String.format(Locale.ROOT, "%n%d children credited; %d rewrites asked for every %d children,"
                + " %d accepted; population of %d at most.%n%n", state.credited(), state.attempts(),
                config.rewriteEvery(), state.accepted(), config.population()));
        table(out, "In use", state.members());
        if (!state.retired().isEmpty()) {
            table(out, "Retired by rewrites", state.retired());
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String title, java.util.List<GuidanceMember> members) {
        out.append("## ").append(title).append("\n\n| id | origin | children | mean gain | best gain | guidance |\n")
                .append("|---|---|---:|---:|---:|---|\n");
        for (GuidanceMember g : members) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %s |%n", g.id(), g.origin(),
                    g.children(), g.meanGain(), g.bestGain(), g.text().replace("|", "\\|").replace("\n", " ")));
        }
        out.append('\n');
    }
}
