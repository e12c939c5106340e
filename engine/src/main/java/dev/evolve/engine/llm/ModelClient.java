package dev.evolve.engine.llm;

/**
 * One language model, asked one prompt at a time: the seam between mutation and any provider.
 *
 * <p>Implementations are thread-safe; callers may call {@link #complete} from many (virtual) threads.
 * Decorators compose: {@code new RetryingModelClient(accounting.meter(ModelClients.create(spec, env), spec), ...)}.
 */
@FunctionalInterface
public interface ModelClient {

    /**
     * Sends the prompt and waits for the whole reply.
     *
     * @throws ModelException the provider failed, refused or replied with nothing; its kind says whether a retry may help
     * @throws InterruptedException the calling thread was interrupted while waiting
     */
    Completion complete(ModelRequest prompt) throws ModelException, InterruptedException;
}
