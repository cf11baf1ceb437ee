package dev.defactify.function.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * ONNX Runtime session options, explicit rather than the runtime's defaults because each one was measured
 * (README, "Speed"): all graph optimisations (extended only was 28% slower on ResNet-50), intra-op threads =
 * the vCPUs Lambda gives the function, one inter-op thread for this sequential graph, and no spin-waiting,
 * because Lambda bills a thread that spins between requests like one that works.
 */
public record SessionSettings(int intraOpThreads) {

    public SessionSettings {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("ORT_INTRA_OP_THREADS must be at least 1, got " + intraOpThreads);
        }
    }

    public static SessionSettings forThisMachine() {
        return new SessionSettings(Runtime.getRuntime().availableProcessors());
    }

    /** Caller closes the options once the session exists. Public so the benchmark's raw baseline uses the same. */
    public SessionOptions toOptions() throws OrtException {
        SessionOptions options = new SessionOptions();
        options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}
