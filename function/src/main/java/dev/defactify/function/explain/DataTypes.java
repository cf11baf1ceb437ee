package dev.defactify.function.explain;

/** Names for ONNX TensorProto.DataType codes, so a type mismatch reads as "7 (INT64)" rather than a bare number. */
final class DataTypes {

    private DataTypes() {
    }

    static String describe(long code) {
        String name = switch ((int) code) {
            case 0 -> "UNDEFINED";
            case 1 -> "FLOAT";
            case 2 -> "UINT8";
            case 3 -> "INT8";
            case 4 -> "UINT16";
            case 5 -> "INT16";
            case 6 -> "INT32";
            case 7 -> "INT64";
            case 8 -> "STRING";
            case 9 -> "BOOL";
            case 10 -> "FLOAT16";
            case 11 -> "DOUBLE";
            case 12 -> "UINT32";
            case 13 -> "UINT64";
            case 16 -> "BFLOAT16";
            default -> "unknown";
        };
        return code + " (" + name + ")";
    }
}
