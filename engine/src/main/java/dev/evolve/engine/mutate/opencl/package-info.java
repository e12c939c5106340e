/**
 * Rule-based rewrites of OpenCL C variants (the {@link dev.evolve.engine.mutate.Rewrite} seam,
 * text in and text out): tuning the launch knobs ({@code #define} lines) and structural rewrites
 * that put a known-good parametrised kernel of another shape in place (tiles in local memory, more
 * work per item, vector loads, a work-group reduction), plus unrolling. {@link
 * dev.evolve.engine.mutate.opencl.OpenClRewrites} lists them per target.
 */
package dev.evolve.engine.mutate.opencl;
