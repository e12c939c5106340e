package dev.evolve.engine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A model provider on 127.0.0.1 for tests: parses each request's JSON and answers as the test scripts. */
final class FakeModelServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received; header names lower-cased. */
    record Request(String method, String path, Map<String, String> headers, JsonNode body) {}

    record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of(), body, Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            var all = new TreeMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    /** Answers request number {@code index} (0-based). */
    @FunctionalInterface
    interface Script {
        Reply answer(Request request, int index);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    FakeModelServer(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, script));
        server.start();
    }

    private void handle(HttpExchange exchange, Script script) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            JsonNode body = raw.length == 0 ? JSON.nullNode() : JSON.readTree(raw);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
            requests.add(request);
            Reply reply = script.answer(request, counter.getAndIncrement());
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    return; // server closing
                }
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (IOException e) {
            // the client gave up (timeout) and closed the connection; nothing to answer
        } finally {
            inFlight.decrementAndGet();
        }
    }

    String openAiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    String anthropicBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static String openAiCompletion(String content, int promptTokens, int completionTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", "served-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return root.toString();
    }

    static String anthropicMessage(String text, int inputTokens, int outputTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", "served-model")
                .put("stop_reason", "end_turn");
        root.putArray("content").addObject().put("type", "text").put("text", text);
        root.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        return root.toString();
    }

    static String error(String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", "error");
        return root.toString();
    }
}
