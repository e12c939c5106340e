package dev.evolve.engine.llm;

import static dev.evolve.engine.llm.FakeModelServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LangChain4j-backed clients against a real HTTP server on loopback speaking OpenAI's and Anthropic's protocols. */
class ModelClientHttpTest {

    private static final String KEY = "sk-test-0123456789-secret";
    private static final Map<String, String> ENV = Map.of("EVOLVE_TEST_KEY", KEY);
    private static final ModelRequest PROMPT = new ModelRequest("You optimize Java kernels.", "Make this loop faster.", 0.7, 256);

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final RetryingModelClient.Sleeper recordingSleeper = waits::add;

    private static ModelSpec openAi(FakeModelServer server, Duration timeout) {
        return new ModelSpec(Provider.OPENAI, server.openAiBaseUrl(), "gpt-test", "EVOLVE_TEST_KEY", 1.0, timeout, 2.0, 8.0);
    }

    private static ModelSpec anthropic(FakeModelServer server) {
        return new ModelSpec(Provider.ANTHROPIC, server.anthropicBaseUrl(), "claude-test", "EVOLVE_TEST_KEY", 1.0,
                Duration.ofSeconds(5), 3.0, 15.0);
    }

    /** The completion carries the reply's text and its token counts. */
    private static void assertCarries(Completion completion, String text, long inputTokens, long outputTokens) {
        assertThat(completion.text()).isEqualTo(text);
        assertThat(completion.inputTokens()).isEqualTo(inputTokens);
        assertThat(completion.outputTokens()).isEqualTo(outputTokens);
    }

    private RetryingModelClient retrying(ModelClient client, int attempts, int inFlight) {
        var policy = new RetryingModelClient.Policy(attempts, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30), inFlight);
        return new RetryingModelClient(client, policy, InstantSource.system(), recordingSleeper, new SplittableRandom(7));
    }

    @Test
    void openAiReplyWithUsageBecomesACompletionAndIsAccountedWithItsCost() throws Exception {
        try (var server = new FakeModelServer((request, i) -> Reply.json(200, FakeModelServer.openAiCompletion("use i-k-j order", 1000, 500)))) {
            ModelSpec spec = openAi(server, Duration.ofSeconds(5));
            var accounting = new Accounting(1.0);
            ModelClient client = accounting.meter(ModelClients.create(spec, ENV), spec);

            Completion completion = client.complete(PROMPT);

            assertCarries(completion, "use i-k-j order", 1000, 500);
            assertThat(completion.model()).isEqualTo("gpt-test");
            assertThat(completion.attempts()).isEqualTo(1);
            var usage = accounting.snapshot().models().get("gpt-test");
            assertThat(usage.calls()).isEqualTo(1);
            assertThat(usage.failures()).isZero();
            assertThat(usage.cost()).isCloseTo(1000 * 2.0 / 1e6 + 500 * 8.0 / 1e6, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(accounting.budgetExhausted()).isFalse();

            var request = server.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.headers().get("authorization")).isEqualTo("Bearer " + KEY);
            assertThat(request.body().path("model").asText()).isEqualTo("gpt-test");
            assertThat(request.body().path("temperature").asDouble()).isEqualTo(0.7);
            var messages = request.body().path("messages");
            assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
            assertThat(messages.get(0).path("content").asText()).isEqualTo("You optimize Java kernels.");
            assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
            assertThat(messages.get(1).path("content").asText()).isEqualTo("Make this loop faster.");
        }
    }

    @Test
    void anthropicMessagesReplyCarriesTextAndTokensAndTheKeyGoesInXApiKey() throws Exception {
        try (var server = new FakeModelServer((request, i) -> Reply.json(200, FakeModelServer.anthropicMessage("unroll by 4", 321, 45)))) {
            Completion completion = ModelClients.create(anthropic(server), ENV).complete(PROMPT);

            assertCarries(completion, "unroll by 4", 321, 45);
            assertThat(completion.model()).isEqualTo("claude-test");
            var request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.headers().get("x-api-key")).isEqualTo(KEY);
            assertThat(request.body().path("model").asText()).isEqualTo("claude-test");
            assertThat(request.body().path("max_tokens").asInt()).isEqualTo(256);
            assertThat(request.body().path("system").toString()).contains("You optimize Java kernels.");
            assertThat(request.body().path("messages").get(0).path("role").asText()).isEqualTo("user");
        }
    }

    @Test
    void geminiGenerateContentReplyCarriesTextAndTokens() throws Exception {
        String reply = """
                {"candidates":[{"content":{"parts":[{"text":"vectorize the inner loop"}],"role":"model"},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":6,"totalTokenCount":46}}""";
        try (var server = new FakeModelServer((request, i) -> Reply.json(200, reply))) {
            var spec = new ModelSpec(Provider.GEMINI, server.openAiBaseUrl().replace("/v1", "/v1beta"), "gemini-test",
                    "EVOLVE_TEST_KEY", 1.0, Duration.ofSeconds(5), 0.3, 2.5);

            Completion completion = ModelClients.create(spec, ENV).complete(PROMPT);

            assertCarries(completion, "vectorize the inner loop", 40, 6);
            var request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1beta/models/gemini-test:generateContent");
            assertThat(request.headers().get("x-goog-api-key")).isEqualTo(KEY);
            assertThat(request.body().toString()).contains("Make this loop faster.").contains("You optimize Java kernels.");
        }
    }

    @Test
    void rateLimitWithRetryAfterIsRetriedAfterExactlyTheRequestedWait() throws Exception {
        try (var server = new FakeModelServer((request, i) -> i == 0
                ? Reply.json(429, FakeModelServer.error("slow down")).withHeader("Retry-After", "1")
                : Reply.json(200, FakeModelServer.openAiCompletion("ok", 10, 2)))) {
            ModelClient client = retrying(ModelClients.create(openAi(server, Duration.ofSeconds(5)), ENV), 3, 4);

            Completion completion = client.complete(PROMPT);

            assertThat(completion.text()).isEqualTo("ok");
            assertThat(completion.attempts()).isEqualTo(2);
            assertThat(waits).containsExactly(Duration.ofSeconds(1));
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void rateLimitWithoutRetryAfterFallsBackToJitteredBackoff() throws Exception {
        try (var server = new FakeModelServer((request, i) -> i == 0
                ? Reply.json(429, FakeModelServer.error("slow down"))
                : Reply.json(200, FakeModelServer.openAiCompletion("ok", 10, 2)))) {
            ModelClient client = retrying(ModelClients.create(openAi(server, Duration.ofSeconds(5)), ENV), 3, 4);

            assertThat(client.complete(PROMPT).attempts()).isEqualTo(2);
            assertThat(waits).hasSize(1);
            assertThat(waits.getFirst()).isBetween(Duration.ZERO, Duration.ofMillis(200));
        }
    }

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        try (var server = new FakeModelServer((request, i) -> i == 0
                ? Reply.json(500, FakeModelServer.error("overloaded"))
                : Reply.json(200, FakeModelServer.openAiCompletion("second time lucky", 10, 3)))) {
            var accounting = new Accounting(Double.POSITIVE_INFINITY);
            ModelSpec spec = openAi(server, Duration.ofSeconds(5));
            ModelClient client = retrying(accounting.meter(ModelClients.create(spec, ENV), spec), 3, 4);

            Completion completion = client.complete(PROMPT);

            assertThat(completion.text()).isEqualTo("second time lucky");
            assertThat(completion.attempts()).isEqualTo(2);
            assertThat(waits).hasSize(1);
            var usage = accounting.snapshot().models().get("gpt-test");
            assertThat(usage.calls()).isEqualTo(2);
            assertThat(usage.failures()).isEqualTo(1);
        }
    }

    @Test
    void persistentServerErrorsGiveUpAfterMaxAttemptsWithBackoffCappedPerAttempt() throws Exception {
        try (var server = new FakeModelServer((request, i) -> Reply.json(503, FakeModelServer.error("down")))) {
            ModelException e = failure(server, Duration.ofSeconds(5), 4);

            assertThat(e.kind()).isEqualTo(ModelException.Kind.SERVER_ERROR);
            assertThat(e.getMessage()).contains("4 attempts").contains("503");
            assertThat(server.requests()).hasSize(4);
            assertThat(waits).hasSize(3);
            assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
            assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
            assertThat(waits.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(800));
        }
    }

    @Test
    void repliesSlowerThanTheTimeoutFailAsTimeoutAfterTheConfiguredAttempts() throws Exception {
        try (var server = new FakeModelServer((request, i) ->
                Reply.json(200, FakeModelServer.openAiCompletion("too late", 1, 1)).after(Duration.ofSeconds(3)))) {
            ModelException e = failure(server, Duration.ofMillis(300), 2);

            assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("2 attempts");
            assertThat(server.requests()).hasSize(2);
            assertThat(waits).hasSize(1);
        }
    }

    @Test
    void emptyReplyIsEmptyReplyAndNotRetried() throws Exception {
        try (var server = new FakeModelServer((request, i) -> Reply.json(200, FakeModelServer.openAiCompletion("", 5, 0)))) {
            ModelException e = failure(server, Duration.ofSeconds(5), 3);

            assertThat(e.kind()).isEqualTo(ModelException.Kind.EMPTY_REPLY);
            assertThat(server.requests()).hasSize(1);
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void badRequestIsNotRetried() throws Exception {
        try (var server = new FakeModelServer((request, i) -> Reply.json(400, FakeModelServer.error("unknown parameter")))) {
            ModelException e = failure(server, Duration.ofSeconds(5), 3);

            assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
            assertThat(e.getMessage()).contains("400").contains("unknown parameter").contains("gpt-test");
            assertThat(server.requests()).hasSize(1);
        }
    }

    /** How a client that tries {@code attempts} times, each within {@code timeout}, fails against {@code server}. */
    private ModelException failure(FakeModelServer server, Duration timeout, int attempts) {
        ModelClient client = retrying(ModelClients.create(openAi(server, timeout), ENV), attempts, 4);
        return catchThrowableOfType(ModelException.class, () -> client.complete(PROMPT));
    }

    @Test
    void aHugeReplyIsReadWhole() throws Exception {
        String huge = "x".repeat(2 * 1024 * 1024);
        try (var server = new FakeModelServer((request, i) -> Reply.json(200, FakeModelServer.openAiCompletion(huge, 10, 600_000)))) {
            Completion completion = ModelClients.create(openAi(server, Duration.ofSeconds(10)), ENV).complete(PROMPT);

            assertThat(completion.text()).hasSize(huge.length());
            assertThat(completion.outputTokens()).isEqualTo(600_000);
        }
    }

    @Test
    void requestsInFlightNeverExceedTheBound() throws Exception {
        try (var server = new FakeModelServer((request, i) ->
                Reply.json(200, FakeModelServer.openAiCompletion("reply " + i, 1, 1)).after(Duration.ofMillis(150)));
                var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            ModelClient client = retrying(ModelClients.create(openAi(server, Duration.ofSeconds(5)), ENV), 1, 2);
            List<Future<Completion>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(callers.submit(() -> client.complete(PROMPT)));
            }
            for (Future<Completion> future : futures) {
                assertThat(future.get().text()).startsWith("reply ");
            }
            assertThat(server.requests()).hasSize(8);
            assertThat(server.maxConcurrentRequests()).isBetween(1, 2);
        }
    }

    @Test
    void theKeyNeverAppearsInMessagesRecordingsOrToString(@TempDir Path runDir) throws Exception {
        // A misbehaving provider that echoes the credentials it was sent.
        try (var server = new FakeModelServer((request, i) -> i == 0
                ? Reply.json(401, FakeModelServer.error("bad credentials " + request.headers().get("authorization")))
                : Reply.json(200, FakeModelServer.openAiCompletion("fine", 3, 4)))) {
            ModelSpec spec = openAi(server, Duration.ofSeconds(5));
            ModelClient base = ModelClients.create(spec, ENV);
            ModelClient client = new RecordingModelClient(retrying(base, 3, 4), runDir);

            ModelException e = catchThrowableOfType(ModelException.class, () -> client.complete(PROMPT));
            assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTH);
            assertThat(e.getMessage()).contains("401").contains("[redacted]").doesNotContain(KEY);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
                assertThat(t.toString()).doesNotContain(KEY);
            }
            assertThat(server.requests()).hasSize(1); // AUTH is not retried

            client.complete(PROMPT);
            assertThat(base.toString()).doesNotContain(KEY).contains("gpt-test");
            assertThat(client.toString()).doesNotContain(KEY);
            assertThat(spec.toString()).doesNotContain(KEY).contains("EVOLVE_TEST_KEY");
            try (Stream<Path> files = Files.walk(runDir)) {
                List<Path> regular = files.filter(Files::isRegularFile).toList();
                assertThat(regular).hasSize(1);
                for (Path file : regular) {
                    assertThat(Files.readString(file)).doesNotContain(KEY);
                }
            }
        }
    }

    @Test
    void recordThenReplayGivesTheSameCompletionWithTheServerStopped(@TempDir Path runDir) throws Exception {
        Completion recorded;
        try (var server = new FakeModelServer((request, i) -> Reply.json(200, FakeModelServer.anthropicMessage("tile by 64", 77, 11)))) {
            recorded = new RecordingModelClient(ModelClients.create(anthropic(server), ENV), runDir).complete(PROMPT);
        }
        assertThat(runDir.resolve("llm").resolve(PROMPT.sha256() + ".json")).isRegularFile();

        var replay = new ReplayModelClient(runDir);
        assertThat(replay.complete(PROMPT)).isEqualTo(new Completion(recorded.text(), recorded.model(),
                recorded.inputTokens(), recorded.outputTokens(), Duration.ofMillis(recorded.latency().toMillis()), recorded.attempts()));

        ModelRequest unseen = new ModelRequest(PROMPT.system(), "Something never asked.", 0.7, 256);
        ModelException e = catchThrowableOfType(ModelException.class, () -> replay.complete(unseen));
        assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains(unseen.sha256());
    }

    @Test
    void anUnreachableEndpointIsUnavailable() throws Exception {
        String baseUrl;
        try (var server = new FakeModelServer((request, i) -> Reply.json(200, "{}"))) {
            baseUrl = server.openAiBaseUrl();
        }
        var spec = new ModelSpec(Provider.OPENAI, baseUrl, "local", "", 1.0, Duration.ofSeconds(2), 0, 0);

        ModelException e = catchThrowableOfType(ModelException.class, () -> ModelClients.create(spec, Map.of()).complete(PROMPT));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE);
    }

    @Test
    void aMissingKeyVariableIsNamedWithoutAnyValue() {
        var spec = new ModelSpec(Provider.OPENAI, "", "gpt-test", "EVOLVE_ABSENT_KEY", 1.0, Duration.ofSeconds(5), 0, 0);

        assertThatThrownBy(() -> ModelClients.create(spec, ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVOLVE_ABSENT_KEY")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void retryAfterAsAnHttpDateIsReadRelativeToNow() throws IOException {
        var now = java.time.Instant.parse("2026-11-29T06:00:00Z");
        assertThat(RetryAfterHttpException.parse("Sun, 29 Nov 2026 06:00:05 GMT", now)).contains(Duration.ofSeconds(5));
        assertThat(RetryAfterHttpException.parse("Sun, 29 Nov 2026 05:59:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfterHttpException.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfterHttpException.parse("soon", now)).isEmpty();
        assertThat(RetryAfterHttpException.parse(null, now)).isEmpty();
    }
}
