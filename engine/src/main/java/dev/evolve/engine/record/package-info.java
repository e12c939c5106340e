/**
 * A run's records on disk, read and written in one place: the run folder ({@link
 * dev.evolve.engine.record.RunFolder}), the configuration in sections ({@link
 * dev.evolve.engine.record.RunConfig}, {@link dev.evolve.engine.record.ConfigFiles}), the typed events of
 * {@code events.jsonl} ({@link dev.evolve.engine.record.RunEvent}, {@link dev.evolve.engine.record.RunEventCodec})
 * and {@code summary.json} ({@link dev.evolve.engine.record.RunSummary}). The loop ({@code run}) writes them,
 * the report ({@code report}) reads them; neither needs the other. The keys of all three are the records'
 * components in snake_case ({@code @JsonNaming}), the names run folders have always had: renaming a component
 * renames its key (RunEventCodecTest and RunSummaryTest hold the keys of events and summaries to the old ones).
 */
package dev.evolve.engine.record;
