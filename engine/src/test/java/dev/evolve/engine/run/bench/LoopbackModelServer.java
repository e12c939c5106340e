package dev.evolve.engine.run.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A model server on 127.0.0.1 speaking OpenAI's chat-completions protocol, whose replies are
 * scripted by call number (an edit, prose, an error status), with a fixed latency. For tests and
 * for the model-latency benchmark (module {@code benchmarks/tools} compiles this file too); it never
 * calls out.
 */
public final class LoopbackModelServer implements AutoCloseable {

    /** One scripted reply: an HTTP status and the assistant's text (ignored unless 200). */
    public record Reply(int status, String text) {
        public static Reply ok(String text) {
            return new Reply(200, text);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> prompts = new java.util.concurrent.CopyOnWriteArrayList<>();

    public LoopbackModelServer(IntFunction<Reply> script, Duration latency) throws IOException {
        this((call, user) -> script.apply(call), latency);
    }

    /** A server whose replies are scripted by call number and the request's user message. */
    public LoopbackModelServer(java.util.function.BiFunction<Integer, String, Reply> script, Duration latency)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, script, latency));
        server.start();
    }

    /** Requests answered or under way. */
    public int calls() {
        return calls.get();
    }

    /** The user messages of the requests received, in the order they arrived. */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange exchange, java.util.function.BiFunction<Integer, String, Reply> script,
                        Duration latency) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String user = "";
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                user = message.path("content").isTextual() ? message.path("content").asText()
                        : message.path("content").toString();
                prompts.add(user);
            }
        }
        int call = calls.incrementAndGet();
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reply reply = script.apply(call, user);
        byte[] body;
        if (reply.status() == 200) {
            body = JSON.writeValueAsBytes(Map.of("id", "c" + call, "object", "chat.completion", "created", 1,
                    "model", request.path("model").asText(),
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", reply.text()))),
                    "usage", Map.of("prompt_tokens", 1000, "completion_tokens", 250, "total_tokens", 1250)));
        } else {
            body = ("{\"error\":{\"message\":\"scripted " + reply.status() + "\"}}").getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A whole new evolve block, distinct per {@code k}: an i-k-j kernel scaled by k/k. */
    public static String bodyRewrite(int k) {
        return "Here is a faster version:\n```java\n"
                + "    @Override\n"
                + "    public void multiply(double[] a, double[] b, double[] c, int n) {\n"
                + "        java.util.Arrays.fill(c, 0, n * n, 0.0);\n"
                + "        for (int i = 0; i < n; i++) {\n"
                + "            for (int k = 0; k < n; k++) {\n"
                + "                double aik = a[i * n + k] * " + k + " / " + k + ";\n"
                + "                for (int j = 0; j < n; j++) {\n"
                + "                    c[i * n + j] += aik * b[k * n + j];\n"
                + "                }\n"
                + "            }\n"
                + "        }\n"
                + "    }\n"
                + "```\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
