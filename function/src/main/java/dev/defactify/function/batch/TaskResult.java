package dev.defactify.function.batch;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of the response's {@code results}.
 *
 * @param resultString always says why, on one line, at most {@link #MAX_RESULT_STRING} characters, never a stack
 *                     trace: it ends up in a CSV completion report that people read
 */
@JsonPropertyOrder({"taskId", "resultCode", "resultString"})
public record TaskResult(String taskId, ResultCode resultCode, String resultString) {
    /**
     * S3 Batch truncates long result strings in its report; the limit is not stated in the Lambda invocation
     * documentation, so we stay well inside anything plausible and cut it ourselves, keeping the start (which says
     * what happened) and marking the cut.
     */
    public static final int MAX_RESULT_STRING = 1024;
    private static final String ELLIPSIS = "…";

    public TaskResult {
        resultString = bounded(resultString);
    }

    static String bounded(String text) {
        String line = (text == null ? "" : text).replaceAll("\\p{Cntrl}+", " ").strip();
        if (line.length() <= MAX_RESULT_STRING) {
            return line;
        }
        int end = MAX_RESULT_STRING - ELLIPSIS.length();
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + ELLIPSIS;
    }
}
