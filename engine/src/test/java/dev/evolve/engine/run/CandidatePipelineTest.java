package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.VariantEvaluator;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidatePipelineTest {

    @TempDir
    Path dir;

    private static List<CandidatePipeline.Candidate> candidates(ProgramRecord parent, String... sources) {
        return java.util.Arrays.stream(sources).map(s -> new CandidatePipeline.Candidate(s, "test", parent, 0)).toList();
    }

    /** The fake's outcome, after a delay that makes later proposals finish first. */
    private static VariantEvaluator slowFirst(FakeParts.Evaluator fake, String slow) {
        return new VariantEvaluator() {
            @Override
            public EvaluationOutcome evaluate(String source) throws InterruptedException {
                if (source.equals(slow)) {
                    Thread.sleep(300);
                }
                return fake.evaluate(source);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theSeedIsFiledOnceAndKnownOrRepeatedChildrenAreNotEvaluatedAgain() throws Exception {
        var fake = new FakeParts.Evaluator(LoopFixture.TARGET, 0);
        try (var f = new LoopFixture(dir, 2); var pipeline = f.pipeline(fake, fake, f.budget(100L))) {
            pipeline.fileSeedIfMissing();
            pipeline.fileSeedIfMissing();
            assertThat(fake.seen).containsExactly(LoopFixture.TARGET.seedSource());
            ProgramRecord seed = f.db.best().orElseThrow();
            assertThat(f.events(RunEvent.Seed.class)).hasSize(1);
            assertThat(f.bests).containsExactly(seed);

            String a = LoopFixture.child(1);
            String b = LoopFixture.child(2);
            var filed = pipeline.file(candidates(seed, a, b, a, LoopFixture.TARGET.seedSource()));
            assertThat(fake.seen).hasSize(3);                         // the seed, a and b: each once
            assertThat(filed).hasSize(4);
            assertThat(filed.get(0).child().id()).isEqualTo(SourceHash.of(a));
            assertThat(filed.get(1).child().id()).isEqualTo(SourceHash.of(b));
            assertThat(filed.get(2).child()).isNull();                   // a again, in the same batch
            assertThat(filed.get(2).score()).isEqualTo(filed.get(0).score());
            assertThat(filed.get(3).child()).isNull();                   // the seed, already in the database
            assertThat(filed.get(3).score()).isEqualTo(seed.score());
            assertThat(f.state.duplicates).isEqualTo(2);
            assertThat(f.state.iterations).isEqualTo(2);
            assertThat(f.state.statusCounts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

            pipeline.file(candidates(seed, b));                        // known from an earlier batch
            assertThat(fake.seen).hasSize(3);
            assertThat(f.state.duplicates).isEqualTo(3);
        }
    }

    @Test
    void childrenAreNumberedAndFiledInProposalOrderWhateverOrderTheyFinishIn() throws Exception {
        var fake = new FakeParts.Evaluator(LoopFixture.TARGET, 0);
        List<String> sources = IntStream.range(1, 7).mapToObj(LoopFixture::child).toList();
        try (var f = new LoopFixture(dir, 2);
             var pipeline = f.pipeline(slowFirst(fake, sources.getFirst()), fake, f.budget(100L))) {
            pipeline.fileSeedIfMissing();
            ProgramRecord seed = f.db.best().orElseThrow();
            var filed = pipeline.file(candidates(seed, sources.toArray(String[]::new)));
            assertThat(filed).extracting(r -> r.child().iteration()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(f.events(RunEvent.Evaluated.class)).extracting(RunEvent.Evaluated::id)
                    .containsExactlyElementsOf(sources.stream().map(SourceHash::of).toList());
            assertThat(f.db.get(SourceHash.of(sources.get(3))).orElseThrow().iteration()).isEqualTo(4);
            // every better child was announced, in order, and the last announced is the database's best
            var bests = f.events(RunEvent.NewBest.class);
            assertThat(bests).isNotEmpty();
            assertThat(bests.getLast().id()).isEqualTo(f.db.best().orElseThrow().id());
        }
    }

    @Test
    void anExhaustedBudgetStopsEvaluationMidBatch() throws Exception {
        var fake = new FakeParts.Evaluator(LoopFixture.TARGET, 0);
        try (var f = new LoopFixture(dir, 1); var pipeline = f.pipeline(fake, fake, f.budget(2L))) {
            pipeline.fileSeedIfMissing();
            var filed = pipeline.file(candidates(f.db.best().orElseThrow(),
                    LoopFixture.child(1), LoopFixture.child(2), LoopFixture.child(3)));
            assertThat(filed.get(2).child()).isNull();
            assertThat(filed.get(2).score()).isZero();
            assertThat(f.state.iterations).isEqualTo(2);
            assertThat(fake.seen).doesNotContain(LoopFixture.child(3));
        }
    }

    @Test
    void anEvaluatorFailureFilesNothingAndThreeInARowStopTheRun() throws Exception {
        var fake = new FakeParts.Evaluator(LoopFixture.TARGET, 0);
        Set<String> broken = Set.of(LoopFixture.child(2), LoopFixture.child(4), LoopFixture.child(5),
                LoopFixture.child(6));
        VariantEvaluator failing = new VariantEvaluator() {
            @Override
            public EvaluationOutcome evaluate(String source) throws InterruptedException {
                if (broken.contains(source)) {
                    throw new IllegalStateException("worker could not start");
                }
                return fake.evaluate(source);
            }

            @Override
            public void close() {
            }
        };
        try (var f = new LoopFixture(dir, 1); var pipeline = f.pipeline(failing, fake, f.budget(100L))) {
            pipeline.fileSeedIfMissing();
            ProgramRecord seed = f.db.best().orElseThrow();
            var filed = pipeline.file(candidates(seed, LoopFixture.child(1), LoopFixture.child(2), LoopFixture.child(3)));
            assertThat(filed.get(1).child()).isNull();
            assertThat(filed.get(1).score()).isZero();
            assertThat(f.db.contains(SourceHash.of(LoopFixture.child(2)))).isFalse();   // may be proposed again
            assertThat(filed).extracting(r -> r.child() == null ? -1L : r.child().iteration()).containsExactly(1L, -1L, 2L);
            assertThat(f.events(RunEvent.EvaluatorError.class)).singleElement()
                    .satisfies(e -> assertThat(e.consecutive()).isEqualTo(1))
                    .satisfies(e -> assertThat(e.error()).contains("worker could not start"));
            assertThatThrownBy(() -> pipeline.file(candidates(seed, LoopFixture.child(4), LoopFixture.child(5),
                    LoopFixture.child(6)))).hasMessageContaining("failed 3 times in a row");
            assertThat(f.events(RunEvent.EvaluatorError.class)).extracting(RunEvent.EvaluatorError::consecutive)
                    .containsExactly(1, 1, 2, 3);
        }
    }

    @Test
    void aSeedThatFailsItsOwnEvaluationStopsTheRun() throws Exception {
        VariantEvaluator rejecting = new VariantEvaluator() {
            @Override
            public EvaluationOutcome evaluate(String source) {
                return new EvaluationOutcome.Rejected("no");
            }

            @Override
            public void close() {
            }
        };
        var fake = new FakeParts.Evaluator(LoopFixture.TARGET, 0);
        try (var f = new LoopFixture(dir, 1); var pipeline = f.pipeline(rejecting, fake, f.budget(10L))) {
            assertThatThrownBy(pipeline::fileSeedIfMissing).hasMessageContaining("does not pass its own evaluation");
            assertThat(f.db.size()).isZero();
        }
    }
}
