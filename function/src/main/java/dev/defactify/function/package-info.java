/**
 * Serving DeFactifyNet: a scoring core over ONNX Runtime (through DJL) that knows nothing of Lambda, and thin
 * adapters around it — Micronaut controllers (API Gateway and the local server), the S3 event handler, the
 * SnapStart priming hook and the command line.
 */
package dev.defactify.function;
