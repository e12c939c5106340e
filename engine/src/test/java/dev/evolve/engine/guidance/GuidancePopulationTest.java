package dev.evolve.engine.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuidancePopulationTest {

    @Test
    void seedsFillThePopulationUpToItsSizeAndRewritesTakeTheWeakestPlace() {
        var p = new GuidancePopulation(List.of("a", "b", "a", "c", "d"), 3);
        assertThat(p.texts()).containsExactly("a", "b", "c");
        assertThat(p.comparable()).isFalse();
        p.credit("g1", 0.5, "n1");
        p.credit("g1", 0.3, "n2");
        assertThat(p.comparable()).isFalse();             // two children, but only one piece tried: nothing to compare
        p.credit("g2", 0.0, "n3");
        p.credit("g3", 0.1, "n4");
        assertThat(p.comparable()).isTrue();
        assertThat(p.best().id()).isEqualTo("g1");
        assertThat(p.weakest().orElseThrow().id()).isEqualTo("g2");
        p.attempted(1);
        GuidanceMember[] joined = p.join("e");
        assertThat(joined[0].id()).isEqualTo("g4");
        assertThat(joined[0].origin()).isEqualTo("rewrite 1");
        assertThat(joined[1].id()).isEqualTo("g2");
        assertThat(p.texts()).containsExactly("a", "e", "c");
        p.credit("g2", 1.0, "a retired piece is not credited");
        assertThat(p.state().credited()).isEqualTo(4);
    }

    @Test
    void aStateSurvivesItsJsonAndIsTakenOverWhole() {
        var p = new GuidancePopulation(List.of("a", "b"), 2);
        p.credit("g1", 0.25, "child x: measured, gain 0.250");
        p.credit("g2", 0.0, "child y: compile_error, gain 0.000");
        p.attempted(1);
        p.join("c");
        String json = GuidancePopulation.toJson(p.state());
        var resumed = new GuidancePopulation(List.of("other seeds", "entirely"), 2);
        resumed.restore(GuidancePopulation.fromJson(json));
        assertThat(resumed.state()).isEqualTo(p.state());
        resumed.attempted(1);
        assertThat(resumed.join("d")[0].id()).isEqualTo("g4");   // ids go on where the stored run left off
        assertThat(p.state().members().getFirst().recent()).containsExactly("child x: measured, gain 0.250");
        assertThatThrownBy(() -> GuidancePopulation.fromJson("{\"members\": 3"))
                .hasMessageContaining("guidance state is damaged");
        assertThatThrownBy(() -> new GuidancePopulation(List.of(" "), 2)).hasMessageContaining("no seed");
    }
}
