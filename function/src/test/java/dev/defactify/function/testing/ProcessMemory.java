package dev.defactify.function.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory as Linux reports it, for the tests that look for native leaks. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** All resident memory: what the Lambda memory limit is measured against. */
    public static long residentKilobytes() throws IOException {
        return statusKilobytes("VmRSS:");
    }

    /**
     * Anonymous resident memory less the committed heap: native allocations (ONNX Runtime, decoders, direct buffers),
     * the JIT's code, metaspace, thread stacks. File-backed pages are left out because they are the native libraries
     * being paged in as more of their code runs, which is not a leak and grows in steps.
     */
    public static long outsideHeapKilobytes() throws IOException {
        return statusKilobytes("RssAnon:") - Runtime.getRuntime().totalMemory() / 1024;
    }

    private static long statusKilobytes(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }
}
