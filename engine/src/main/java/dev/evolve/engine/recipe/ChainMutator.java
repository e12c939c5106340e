package dev.evolve.engine.recipe;

import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Mutation for recipes. With the given probability an individual is altered, in one of two ways, as likely:
 * <ul>
 * <li>it keeps its steps up to a random position and regrows the rest from rewrites that apply
 *     ({@link ChainSampler}): a gene-wise mutator would mostly swap a working step for one that does not
 *     apply to the program at that point, while this keeps the prefix that earned the individual its place
 *     and tries real continuations of it (one step further, or a different last step);</li>
 * <li>one of its steps gets a new knob value (a tile size, an unroll factor, a register-tile shape), the
 *     tuning a schedule needs once its structure is right.</li>
 * </ul>
 */
final class ChainMutator implements Alterer<IntegerGene, Double> {

    private final ChainSampler chains;
    private final double probability;

    ChainMutator(ChainSampler chains, double probability) {
        this.chains = chains;
        this.probability = probability;
    }

    @Override
    public AltererResult<IntegerGene, Double> alter(Seq<Phenotype<IntegerGene, Double>> population, long generation) {
        RandomGenerator random = RandomRegistry.random();
        List<Phenotype<IntegerGene, Double>> out = new ArrayList<>(population.size());
        int altered = 0;
        for (Phenotype<IntegerGene, Double> pt : population) {
            if (random.nextDouble() >= probability) {
                out.add(pt);
                continue;
            }
            var genotype = pt.genotype();
            int[] used = IntStream.range(0, genotype.get(0).length())
                    .filter(i -> genotype.get(0).get(i).intValue() > 0).toArray();
            if (used.length > 0 && random.nextBoolean()) {
                out.add(Phenotype.of(chains.retune(genotype, used[random.nextInt(used.length)], random), generation));
            } else {
                int from = random.nextInt(genotype.get(0).length());
                out.add(Phenotype.of(chains.grow(genotype, from, random), generation));
            }
            altered++;
        }
        return new AltererResult<>(ISeq.of(out), altered);
    }
}
