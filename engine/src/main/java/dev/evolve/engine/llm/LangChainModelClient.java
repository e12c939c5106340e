package dev.evolve.engine.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ModelClient} over a LangChain4j {@link ChatModel}: one request per call (LangChain4j's own retries are
 * off), LangChain4j's exceptions mapped to {@link ModelException.Kind}s, provider bodies truncated and the key
 * redacted from every message. Built by {@link ModelClients#create}.
 */
final class LangChainModelClient implements ModelClient {

    private static final int MAX_DETAIL_CHARS = 300;

    private final ModelSpec spec;
    private final ChatModel chatModel;
    private final String secret;

    LangChainModelClient(ModelSpec spec, ChatModel chatModel, String secret) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
        this.secret = secret == null ? "" : secret;
    }

    @Override
    public Completion complete(ModelRequest prompt) throws ModelException, InterruptedException {
        Objects.requireNonNull(prompt, "prompt");
        List<ChatMessage> messages = new ArrayList<>(2);
        if (!prompt.system().isBlank()) {
            messages.add(SystemMessage.from(prompt.system()));
        }
        messages.add(UserMessage.from(prompt.user()));
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .temperature(prompt.temperature())
                .maxOutputTokens(prompt.maxOutputTokens())
                .build();
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = chatModel.chat(request);
        } catch (RuntimeException e) {
            if (Thread.interrupted() || hasCause(e, InterruptedException.class)) {
                InterruptedException interrupted = new InterruptedException("interrupted while waiting for " + spec.model());
                throw interrupted;
            }
            throw translate(e);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new ModelException(ModelException.Kind.EMPTY_REPLY, spec.model(), "the reply had no text");
        }
        TokenUsage usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return new Completion(text, spec.model(), in, out, latency, 1);
    }

    private ModelException translate(RuntimeException e) {
        HttpException http = findCause(e, HttpException.class);
        Duration retryAfter = null;
        RetryAfterHttpException withHeader = findCause(e, RetryAfterHttpException.class);
        if (withHeader != null) {
            retryAfter = withHeader.retryAfter().orElse(null);
        }
        ModelException.Kind kind;
        String detail;
        if (findCause(e, RateLimitException.class) != null || (http != null && http.statusCode() == 429)) {
            kind = ModelException.Kind.RATE_LIMITED;
        } else if (findCause(e, InternalServerException.class) != null || (http != null && http.statusCode() >= 500)) {
            kind = ModelException.Kind.SERVER_ERROR;
        } else if (findCause(e, TimeoutException.class) != null || hasCause(e, HttpTimeoutException.class)
                || (http != null && http.statusCode() == 408)) {
            kind = ModelException.Kind.TIMEOUT;
        } else if (findCause(e, AuthenticationException.class) != null
                || (http != null && (http.statusCode() == 401 || http.statusCode() == 403))) {
            kind = ModelException.Kind.AUTH;
        } else if (findCause(e, InvalidRequestException.class) != null || findCause(e, ModelNotFoundException.class) != null
                || (http != null && http.statusCode() >= 400)) {
            kind = ModelException.Kind.BAD_REQUEST;
        } else if (findCause(e, UnresolvedModelServerException.class) != null || hasCause(e, IOException.class)) {
            kind = ModelException.Kind.UNAVAILABLE;
        } else {
            // Unparseable replies and anything else unexpected: not worth retrying blindly.
            kind = ModelException.Kind.BAD_REQUEST;
        }
        if (kind == ModelException.Kind.TIMEOUT && http == null) {
            detail = "no reply within " + spec.timeout();
        } else if (http != null) {
            detail = "HTTP " + http.statusCode() + ": " + clip(redact(http.getMessage()));
        } else {
            detail = e.getClass().getSimpleName() + ": " + clip(redact(String.valueOf(deepestMessage(e))));
        }
        Throwable cause = mentionsSecret(e) ? null : e;
        return new ModelException(kind, spec.model(), detail + " (" + spec.provider().configName() + " at "
                + spec.effectiveBaseUrl() + ")", retryAfter, cause);
    }

    private String redact(String text) {
        if (text == null) {
            return "";
        }
        return secret.isEmpty() ? text : text.replace(secret, "[redacted]");
    }

    private boolean mentionsSecret(Throwable e) {
        if (secret.isEmpty()) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(secret)) {
                return true;
            }
        }
        return false;
    }

    private static String clip(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_DETAIL_CHARS ? flat : flat.substring(0, MAX_DETAIL_CHARS) + "...";
    }

    private static String deepestMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return findCause(e, type) != null;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "LangChainModelClient[" + spec.provider().configName() + " " + spec.model() + " at " + spec.effectiveBaseUrl() + "]";
    }
}
