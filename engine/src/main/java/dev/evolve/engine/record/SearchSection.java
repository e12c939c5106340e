package dev.evolve.engine.record;

import static dev.evolve.engine.record.RunConfig.require;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.evolve.engine.recipe.RecipeSearch;

/**
 * How children are proposed: the {@code mutator}, and the shape of a rule-based episode (recipes of up
 * to {@code recipe_length} rewrites, a Jenetics population of {@code population}, at most
 * {@code generations} generations around one parent).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchSection(Choices.Mutator mutator, int recipeLength, int population, int generations) {

    public static final SearchSection DEFAULT = new SearchSection(Choices.Mutator.AST, 4, 8, 4);

    public SearchSection {
        require(mutator != null, "mutator", "must be one of [ast, llm, mixed]");
        require(recipeLength >= 1 && recipeLength <= 16, "recipe_length", "must be in 1..16, was " + recipeLength);
        require(population >= 2 && population <= 256, "population", "must be in 2..256, was " + population);
        require(generations >= 1, "generations", "must be >= 1, was " + generations);
    }

    /** The recipe search of one episode: this section's shape, the search's own defaults for the rest. */
    public RecipeSearch.Config recipe() {
        var d = RecipeSearch.Config.DEFAULT;
        return new RecipeSearch.Config(recipeLength, population, generations, d.steadyGenerations(),
                d.mutationRate(), d.crossoverRate(), d.knobSlots());
    }
}
