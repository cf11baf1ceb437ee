/**
 * {@code explain=true}: class activation maps for the "AI-generated" head. The binary head's Gemm weights are read
 * straight from model.onnx ({@link dev.defactify.function.explain.OnnxInitializers}), applied cell by cell to the
 * {@code features} output ({@link dev.defactify.function.explain.ActivationMap}), drawn over the model's input
 * crop ({@link dev.defactify.function.explain.HeatmapOverlay}) and returned as a JSON-ready
 * {@link dev.defactify.function.explain.Explanation}.
 */
package dev.defactify.function.explain;
