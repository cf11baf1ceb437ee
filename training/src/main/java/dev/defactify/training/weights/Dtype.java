package dev.defactify.training.weights;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The safetensors element types this package can decode; the codes are the ones written in the header. */
public enum Dtype {
    F64(8, true),
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    I64(8, false),
    I32(4, false),
    I16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floatingPoint;

    Dtype(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    public int byteSize() {
        return byteSize;
    }

    /** False for integer and boolean tensors, which hold counters or masks rather than weights. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The header code, e.g. {@code "BF16"}. */
    public String code() {
        return name();
    }

    /** Exact, case-sensitive match, as the reference implementation does. */
    public static Optional<Dtype> fromCode(String code) {
        for (Dtype dtype : values()) {
            if (dtype.name().equals(code)) {
                return Optional.of(dtype);
            }
        }
        return Optional.empty();
    }

    static String supportedCodes() {
        return Arrays.stream(values()).map(Dtype::code).collect(Collectors.joining(", "));
    }
}
