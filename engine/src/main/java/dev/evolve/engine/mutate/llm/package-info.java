/**
 * Text side of language-model mutation: prompts rendered from overridable templates
 * ({@link dev.evolve.engine.mutate.llm.PromptBuilder}, whose emphasis may be given by guidance evolution,
 * {@code dev.evolve.engine.guidance}), a strict parser that turns a model's reply into a child
 * source or a reason fit for the next prompt ({@link dev.evolve.engine.mutate.llm.EditParser}), and the
 * ask-again logic around an injected model call ({@link dev.evolve.engine.mutate.llm.ResampleLoop}). No network here.
 */
package dev.evolve.engine.mutate.llm;
