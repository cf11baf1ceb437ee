package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One ONNX file of a model version, beside {@code manifest.json}: its name, precision and hash, and for a derived
 * (INT8) file how it was made and how closely it agrees with the fp32 network. The fp32 file is {@code model.onnx},
 * whose hash is also the manifest's top-level {@code sha256}, so servers that predate this list still load it.
 *
 * @param bytes        the file's size; null in manifests from before the list
 * @param quantization null for the fp32 file
 * @param agreement    null for the fp32 file, which is the reference
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"file", "precision", "sha256", "bytes", "quantization", "agreement"})
public record ModelFile(String file, Precision precision, String sha256, Long bytes, Quantization quantization,
                        Agreement agreement) {
    public static final String FP32_FILE = "model.onnx";
    public static final String INT8_FILE = "model-int8.onnx";

    public static ModelFile fp32(String sha256, Long bytes) {
        return new ModelFile(FP32_FILE, Precision.FP32, sha256, bytes, null, null);
    }
}
