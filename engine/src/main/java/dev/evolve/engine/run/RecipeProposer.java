package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.engine.record.RunEvent;
import java.util.function.BooleanSupplier;

/**
 * Rule-based children: a {@link RecipeSearch} (Jenetics, kept inside {@code recipe}) searches recipes of
 * rewrites around the episode's parent; each generation's new children go through the pipeline and
 * their scores are the recipes' fitness.
 */
final class RecipeProposer implements Proposer {

    private final RecipeSearch search;

    RecipeProposer(RecipeSearch search) {
        this.search = search;
    }

    @Override
    public Outcome episode(Parent parent, CandidatePipeline pipeline, BooleanSupplier stop)
            throws InterruptedException {
        ProgramRecord p = parent.sample().parent();
        var result = search.run(p.source(), p.score(), parent.random(),
                batch -> pipeline.file(batch.stream().map(pr -> new CandidatePipeline.Candidate(pr.child().source(),
                        pr.child().origin(), p, parent.island())).toList())
                        .stream().map(CandidatePipeline.Filed::score).toList(),
                pipeline::known, stop);
        return new Outcome(result.proposals(), new RunEvent.Episode(parent.episode(), parent.island(), p.id(), p.score(),
                result.generations(), result.proposals(), result.bestScore(), result.bestRecipe().toString(),
                result.meanScore()));
    }
}
