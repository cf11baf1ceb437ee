/**
 * Reading and writing safetensors files in plain Java, with no engine types, so checkpoints and
 * pretrained ResNet-50 weights can be inspected and validated before any native library is loaded.
 *
 * <p>Every tensor is converted to float32 on read. Integer tensors (for example a batch-norm layer's
 * {@code num_batches_tracked}, stored as I64) are converted too rather than refused, because a whole
 * PyTorch state dict should load in one call; {@link dev.defactify.training.weights.NamedTensor#sourceDtype()}
 * keeps the stored type so callers can skip them with {@code !t.sourceDtype().isFloatingPoint()}.
 * I64 values beyond 2^24 lose precision in that conversion, which is harmless for step counters.
 *
 * <p>All format errors are reported as the unchecked {@link dev.defactify.training.weights.SafetensorsException}
 * whose message names the file and, where one is involved, the tensor.
 */
package dev.defactify.training.weights;
