/**
 * Reports on a run folder: {@link dev.evolve.engine.report.RunReader} reads what the folder holds (marker,
 * configuration, summary, event log, program database) into {@link dev.evolve.engine.report.RunData}, each
 * section either available or not available with the reason; {@link dev.evolve.engine.report.Charts} draws
 * its charts with XChart as SVG; {@link dev.evolve.engine.report.HtmlReport} and
 * {@link dev.evolve.engine.report.MarkdownReport} render it as a self-contained {@code report.html} (no
 * external scripts, fonts or images) and a {@code report.md} with its charts beside it in
 * {@code report-files/}. {@link dev.evolve.engine.report.ReportWriter} ties them together.
 */
package dev.evolve.engine.report;
