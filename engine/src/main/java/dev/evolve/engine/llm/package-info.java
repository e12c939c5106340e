/**
 * Language-model clients for mutation: the narrow {@link dev.evolve.engine.llm.ModelClient} seam, its
 * LangChain4j-backed implementation per provider ({@link dev.evolve.engine.llm.ModelClients}), and the
 * decorators around it (retries with backoff, token and cost accounting, record and replay: every exchange kept,
 * each request's purpose replayed in its own order) plus the adaptive choice of model per request.
 *
 * <p>API keys come only from the environment, by the variable name a {@link dev.evolve.engine.llm.ModelSpec}
 * names; no type here stores, logs, records or prints a key.
 */
package dev.evolve.engine.llm;
