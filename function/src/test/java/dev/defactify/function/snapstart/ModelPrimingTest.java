package dev.defactify.function.snapstart;

import dev.defactify.function.s3.S3Access;
import dev.defactify.function.testing.TestModels;
import io.micronaut.context.ApplicationContext;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SnapStart hooks, driven the way CRaC drives them, on a JVM without CRaC. */
@ExtendWith(S3TestServer.Extension.class)
class ModelPrimingTest {

    @Test
    void checkpointHooksPrimeTheModelAndRestoreRebuildsTheS3Client(S3TestServer server) {
        try (SdkDefaults ignored = server.useAsSdkDefaults();
             ApplicationContext context = ApplicationContext.run(Map.of("model.uri", TestModels.small().toString()))) {
            S3Access s3 = context.getBean(S3Access.class);
            var before = s3.client();
            CheckpointSimulator simulator = context.getBean(CheckpointSimulator.class);
            simulator.runBeforeCheckpoint();
            simulator.runAfterRestore();
            assertNotSame(before, s3.client(), "no client from before the snapshot is reused after restore");
            assertTrue(context.getActiveBeanRegistrations(NettyEmbeddedServer.class).stream()
                    .noneMatch(http -> http.bean().isRunning()), "a restore must not start an HTTP server");
            assertEquals(ModelPriming.ROUNDS * ModelPriming.SAMPLES.size(), context.getBean(ModelPriming.class).prime());
        }
    }

    @Test
    void aRunningLocalServerIsStoppedForTheSnapshotAndStartedAfterTheRestore() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("model.uri", TestModels.small().toString(),
                "micronaut.server.port", -1))) {
            NettyEmbeddedServer server = context.getBean(NettyEmbeddedServer.class);
            server.start();
            CheckpointSimulator simulator = context.getBean(CheckpointSimulator.class);
            simulator.runBeforeCheckpoint();
            assertFalse(server.isRunning(), "stopped before the snapshot");
            simulator.runAfterRestore();
            assertTrue(server.isRunning(), "running again after the restore");
            server.stop();
        }
    }

    @Test
    void aFunctionWithoutAModelRefusesTheCheckpoint(@TempDir Path empty) {
        try (ApplicationContext context = ApplicationContext.run(Map.of("model.uri", empty.toString()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> context.getBean(ModelPriming.class).prime());
            assertTrue(e.getMessage().contains("without a model"), e.getMessage());
            assertThrows(RuntimeException.class, () -> context.getBean(CheckpointSimulator.class).runBeforeCheckpoint());
        }
    }
}
