package dev.evolve.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsThenFileThenFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("run.yaml"), "islands: 6\nbudget: 90s\nseed: 7\n");
        Map<String, Object> flags = new HashMap<>();
        flags.put("seed", 9L);
        flags.put("workers", null);
        RunConfig c = ConfigFiles.effective("matmul", file, flags);
        assertThat(c.database().islands()).isEqualTo(6);
        assertThat(c.stop().duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.seed()).isEqualTo(9L);
        assertThat(c.evaluation().workers()).isEqualTo(RunConfig.defaults("matmul").evaluation().workers());
    }

    @Test
    void writtenConfigReadsBackEqual() {
        RunConfig c = ConfigFiles.effective("matmul", null, Map.of("iterations", 12L, "islands", 3));
        Path out = dir.resolve("config.yaml");
        ConfigFiles.write(c, out);
        assertThat(ConfigFiles.read(out)).isEqualTo(c);
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of("islands", 0, List.of("'islands'", "1..64")),
                Arguments.of("budget", "ten minutes", List.of("'budget'", "not a duration")),
                Arguments.of("mutator", "genetic", List.of("'mutator'", "[ast, llm, mixed]")),
                Arguments.of("on_model_failure", "retry", List.of("'on_model_failure'", "[ast, wait, stop]")),
                Arguments.of("mutator", "llm", List.of("'models'", "needs a model")),
                Arguments.of("stop.budget", "soon", List.of("'budget'")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badFlags")
    void aBadFlagIsRefusedNamingItsKey(String key, Object value, List<String> message) {
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null, Map.of(key, value)))
                .message().contains(message);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("islandz: 3\n", List.of("'islandz'", "unknown key")),
                Arguments.of("workers: many\n", List.of("'workers'")),
                Arguments.of("islands: [3\n", List.of("not valid YAML")),
                Arguments.of("database:\n  islandz: 3\n", List.of("'database.islandz'", "islands")),
                Arguments.of("evaluation:\n  workers: many\n", List.of("'workers'", "'many'")),
                Arguments.of("target: softmax\n", List.of("'target'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedNamingItsKey(String yaml, List<String> message) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), yaml);
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", file, Map.of())).message().contains(message);
    }

    @Test
    void aMissingFileCannotBeRead() {
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("cannot read");
    }

    @Test
    void anIterationCountAloneDropsTheDefaultTimeBudget() {
        RunConfig c = ConfigFiles.effective("matmul", null, Map.of("iterations", 5L));
        assertThat(c.stop().duration()).isNull();
        assertThat(ConfigFiles.effective("matmul", null, Map.of("iterations", 5L, "budget", "1m")).stop().duration())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void durationsAcceptCommonUnits() {
        assertThat(RunConfig.parseDuration("10m", "budget")).isEqualTo(Duration.ofMinutes(10));
        assertThat(RunConfig.parseDuration("1.5h", "budget")).isEqualTo(Duration.ofMinutes(90));
        assertThat(RunConfig.parseDuration("500ms", "budget")).isEqualTo(Duration.ofMillis(500));
        assertThat(RunConfig.parseDuration("30", "budget")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSectionedFileOverridesOnlyWhatItNamesAndFlagsComeLast() throws Exception {
        Path file = Files.writeString(dir.resolve("run.yaml"), """
                seed: 7
                stop:
                  iterations: 30
                search:
                  mutator: ast
                  population: 12
                database:
                  islands: 3
                evaluation:
                  workers: 1
                  jmh: false
                """);
        RunConfig c = ConfigFiles.effective("matmul", file, Map.of("database.islands", 5, "workers", 2));
        RunConfig d = RunConfig.defaults("matmul");
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.stop().iterations()).isEqualTo(30);
        assertThat(c.stop().budget()).isNull();                           // iterations alone: no default time budget
        assertThat(c.search().population()).isEqualTo(12);
        assertThat(c.search().generations()).isEqualTo(d.search().generations());
        assertThat(c.database().islands()).isEqualTo(5);                  // a flag in section.key form
        assertThat(c.database().features()).isEqualTo(d.database().features());
        assertThat(c.evaluation().workers()).isEqualTo(2);                // a flag in the flat form
        assertThat(c.evaluation().jmh()).isFalse();
        assertThat(c.search().recipe().populationSize()).isEqualTo(12);   // the section maps to the search's config
        assertThat(c.database().toDatabaseConfig().islands()).isEqualTo(5);
        assertThat(c.evaluation().screening().workers()).isEqualTo(2);
    }

    @Test
    void aFlatFileWrittenBeforeSectionsStillReadsAndIsWrittenInSections() throws Exception {
        // the flat config.yaml a 90-second matmul run of results/ was committed with, before sections
        Path committed = Path.of("src/test/resources/config/flat-matmul-90s.yaml");
        assertThat(Files.readString(committed)).contains("\nislands: 4").doesNotContain("database:");
        RunConfig old = ConfigFiles.read(committed);
        assertThat(old.target()).isEqualTo("matmul");
        assertThat(old.stop().budget()).isEqualTo("90s");
        assertThat(old.search().mutator()).isEqualTo(Choices.Mutator.AST);
        assertThat(old.database().islands()).isEqualTo(4);
        assertThat(old.evaluation().jmh()).isFalse();
        assertThat(old.models().inFlight()).isEqualTo(16);
        assertThat(old.models().onModelFailure()).isEqualTo(Choices.OnModelFailure.AST);

        Path out = dir.resolve("config.yaml");
        ConfigFiles.write(old, out);
        String written = Files.readString(out);
        assertThat(written).contains("stop:", "search:", "database:", "evaluation:", "models:")
                .doesNotContain("\nislands:", "llm_in_flight");
        assertThat(ConfigFiles.read(out)).isEqualTo(old);
        // readers that want a few values (the report's header) see the flat keys in either shape
        Map<String, Object> raw = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(out.toFile(), Map.class);
        assertThat(ConfigFiles.flat(raw)).containsEntry("mutator", "ast").containsEntry("budget", "90s")
                .containsEntry("islands", 4).containsEntry("target", "matmul").containsEntry("llm_in_flight", 16);

        // a flat file with models and an iteration count only, as 'evolve run --iterations' wrote it
        Path flat = Files.writeString(dir.resolve("flat.yaml"), """
                target: matmul
                iterations: 12
                seed: 9
                mutator: mixed
                models:
                - model: m
                  base_url: http://127.0.0.1:9/v1
                llm_in_flight: 4
                on_model_failure: wait
                """);
        RunConfig f = ConfigFiles.read(flat);
        assertThat(f.stop().budget()).isNull();
        assertThat(f.stop().iterations()).isEqualTo(12);
        assertThat(f.search().mutator()).isEqualTo(Choices.Mutator.MIXED);
        assertThat(f.models().list()).extracting(ModelsSection.Entry::model).containsExactly("m");
        assertThat(f.models().inFlight()).isEqualTo(4);
        assertThat(f.models().onModelFailure()).isEqualTo(Choices.OnModelFailure.WAIT);
    }

    @Test
    void theModelLaneGuardsHaveDefaultsByMutatorAndAreChecked() {
        var models = java.util.List.of(Map.of("model", "m", "base_url", "http://127.0.0.1:9/v1"));
        RunConfig llm = ConfigFiles.effective("matmul", null, Map.of("mutator", "llm", "models", models));
        assertThat(llm.models().onModelFailure()).isNull();
        assertThat(llm.models().onFailure(llm.search().mutator())).isEqualTo(Choices.OnModelFailure.STOP);
        assertThat(llm.models().onFailure(Choices.Mutator.MIXED)).isEqualTo(Choices.OnModelFailure.AST);
        assertThat(llm.models().maxCallsPerChild()).isEqualTo(ModelsSection.DEFAULT_MAX_CALLS_PER_CHILD);
        assertThat(llm.models().noveltySimilarity()).isEqualTo(ModelsSection.DEFAULT_NOVELTY_SIMILARITY);
        RunConfig set = ConfigFiles.effective("matmul", null, Map.of("mutator", "mixed", "models", models,
                "on_model_failure", "stop", "models.max_calls_per_child", 7, "models.novelty_similarity", 0));
        assertThat(set.models().onFailure(Choices.Mutator.MIXED)).isEqualTo(Choices.OnModelFailure.STOP);
        assertThat(set.models().maxCallsPerChild()).isEqualTo(7);
        assertThat(set.models().noveltyCheck()).isFalse();
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null, Map.of("models.max_calls_per_child", 0)))
                .hasMessageContaining("models.max_calls_per_child");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null, Map.of("models.novelty_similarity", 1.5)))
                .hasMessageContaining("models.novelty_similarity");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null, Map.of("on_model_failure", "panic")))
                .hasMessageContaining("[ast, wait, stop]");
    }

    @Test
    void guidanceEvolutionIsOnByDefaultAndItsKeysAreChecked() {
        var defaults = ConfigFiles.effective("matmul", null, Map.of()).models().guidance();
        assertThat(defaults.evolve()).isTrue();
        assertThat(defaults.rewriteEvery()).isEqualTo(32);
        assertThat(ConfigFiles.effective("matmul", null,
                Map.of("models.guidance", Map.of("evolve", false))).models().guidance().evolve())
                .isFalse();
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null,
                        Map.of("models.guidance", Map.of("population", 1))))
                .hasMessageContaining("models.guidance.population").hasMessageContaining("2..32");
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null,
                        Map.of("models.guidance", Map.of("bogus", 3))))
                .hasMessageContaining("'bogus'").hasMessageContaining("rewrite_every");
    }
}
