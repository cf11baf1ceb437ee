package dev.defactify.training.quantize;

/**
 * A convolution with its batch norm folded in: {@code W'[o] = W[o]·γ[o]/√(σ²[o]+ε)} and
 * {@code b'[o] = β[o] − μ[o]·γ[o]/√(σ²[o]+ε)}. Quantisation works on these, because per-channel int8 weights only
 * make sense for the weights the graph actually multiplies by.
 *
 * @param weight OIHW, row-major
 */
public record FoldedConv(String name, int outChannels, int inChannels, int kernel, int stride, int padding,
                         float[] weight, float[] bias) {

    public FoldedConv {
        if (weight.length != (long) outChannels * inChannels * kernel * kernel || bias.length != outChannels) {
            throw new IllegalArgumentException(name + ": weight/bias sizes do not match the convolution's shape");
        }
    }

    public long[] weightShape() {
        return new long[] {outChannels, inChannels, kernel, kernel};
    }

    /** Weights per output channel. */
    public int fanIn() {
        return inChannels * kernel * kernel;
    }

    /**
     * @param convWeight OIHW weights of a bias-free convolution
     */
    public static FoldedConv fold(String name, int outChannels, int inChannels, int kernel, int stride, int padding,
                                  float[] convWeight, float[] gamma, float[] beta, float[] mean, float[] variance,
                                  float epsilon) {
        int fanIn = inChannels * kernel * kernel;
        float[] weight = new float[convWeight.length];
        float[] bias = new float[outChannels];
        for (int o = 0; o < outChannels; o++) {
            // In double: the folded weights should be the product, not a second rounding of it.
            double factor = gamma[o] / Math.sqrt((double) variance[o] + epsilon);
            for (int i = 0; i < fanIn; i++) {
                weight[o * fanIn + i] = (float) (convWeight[o * fanIn + i] * factor);
            }
            bias[o] = (float) (beta[o] - mean[o] * factor);
        }
        return new FoldedConv(name, outChannels, inChannels, kernel, stride, padding, weight, bias);
    }
}
