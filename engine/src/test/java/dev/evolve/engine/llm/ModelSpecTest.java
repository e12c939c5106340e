package dev.evolve.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    private static ModelSpec spec(String baseUrl, String model, String keyEnv, double weight, Duration timeout, double in, double out) {
        return new ModelSpec(Provider.OPENAI, baseUrl, model, keyEnv, weight, timeout, in, out);
    }

    @Test
    void invalidFieldsAreRejectedWithTheFieldNamed() {
        Duration t = Duration.ofSeconds(30);
        assertThatThrownBy(() -> spec("", " ", "K", 1, t, 0, 0)).hasMessageStartingWith("model:");
        assertThatThrownBy(() -> spec("ftp://host/v1", "m", "K", 1, t, 0, 0)).hasMessageStartingWith("baseUrl:");
        assertThatThrownBy(() -> spec("not a url", "m", "K", 1, t, 0, 0)).hasMessageStartingWith("baseUrl:");
        assertThatThrownBy(() -> spec("https://user:pw@host/v1", "m", "K", 1, t, 0, 0)).hasMessageStartingWith("baseUrl:");
        assertThatThrownBy(() -> spec("", "m", "K", 0, t, 0, 0)).hasMessageStartingWith("weight:");
        assertThatThrownBy(() -> spec("", "m", "K", Double.NaN, t, 0, 0)).hasMessageStartingWith("weight:");
        assertThatThrownBy(() -> spec("", "m", "K", 1, Duration.ZERO, 0, 0)).hasMessageStartingWith("timeout:");
        assertThatThrownBy(() -> spec("", "m", "K", 1, t, -1, 0)).hasMessageStartingWith("inputPricePerMillion:");
        assertThatThrownBy(() -> spec("", "m", "K", 1, t, 0, Double.POSITIVE_INFINITY)).hasMessageStartingWith("outputPricePerMillion:");
    }

    @Test
    void aKeyPastedWhereTheVariableNameBelongsIsRejectedWithoutEchoingIt() {
        String key = "sk-proj-abc/def+ghi=";
        assertThatThrownBy(() -> spec("", "m", key, 1, Duration.ofSeconds(1), 0, 0))
                .hasMessageStartingWith("apiKeyEnv:")
                .hasMessageNotContaining(key);
    }

    @Test
    void defaultsAndCost() {
        var spec = spec(null, " gpt-x ", null, 2, Duration.ofSeconds(1), 2.5, 10);
        assertThat(spec.model()).isEqualTo("gpt-x");
        assertThat(spec.apiKeyEnv()).isEmpty();
        assertThat(spec.effectiveBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(spec.cost(2_000_000, 100_000)).isEqualTo(5.0 + 1.0);
        assertThat(Provider.parse(" Anthropic ")).isEqualTo(Provider.ANTHROPIC);
        assertThatThrownBy(() -> Provider.parse("ollama")).hasMessageContaining("openai, anthropic, gemini");
    }

    @Test
    void promptValidationAndHashing() {
        var prompt = new ModelRequest("", "hello", 0.5, 10);
        assertThat(prompt.sha256()).hasSize(64).isEqualTo(new ModelRequest("", "hello", 0.5, 10).sha256());
        assertThat(prompt.sha256()).isNotEqualTo(new ModelRequest("", "hello", 0.6, 10).sha256());
        // Length prefixes keep the boundary between system and user text in the hash.
        assertThat(new ModelRequest("ab", "c", 0, 1).sha256()).isNotEqualTo(new ModelRequest("a", "bc", 0, 1).sha256());
        assertThatThrownBy(() -> new ModelRequest("", " ", 0.5, 10)).hasMessageContaining("user");
        assertThatThrownBy(() -> new ModelRequest("", "x", 2.5, 10)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new ModelRequest("", "x", 0.5, 0)).hasMessageContaining("maxOutputTokens");
    }
}
