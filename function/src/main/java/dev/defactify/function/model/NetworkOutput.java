package dev.defactify.function.model;

/**
 * One image's raw outputs, copied out of native memory.
 *
 * @param features last conv block, CHW, or {@code null} when not asked for
 */
public record NetworkOutput(float aiLogit, float[] sourceLogits, float[] features, int channels, int rows,
                            int cols) {
}
