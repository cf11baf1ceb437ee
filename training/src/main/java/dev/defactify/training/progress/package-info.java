/**
 * Progress reporting for long loops such as training epochs and evaluation passes.
 *
 * <p>{@link dev.defactify.training.progress.ProgressReporter#automatic()} draws a live bar when standard
 * output is an interactive terminal, and otherwise logs at most one plain line every 30 seconds plus a
 * final summary, so redirected output (nohup, CI, a cloud job log) is never flooded. Progress goes to
 * standard error by default: standard output stays clean for machine-readable results such as
 * metrics JSON that a caller may pipe into another tool.
 *
 * <p>Every reporter takes its clock as a {@code LongSupplier} of nanoseconds so rate limiting,
 * throughput and ETA can be tested without sleeping.
 */
package dev.defactify.training.progress;
