package dev.defactify.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.training.augment.AugmentationConfig;
import dev.defactify.training.augment.Range;
import dev.defactify.training.train.ClassBalance;
import dev.defactify.training.train.OptimizerKind;
import dev.defactify.training.train.RunRecord;
import dev.defactify.training.train.TrainingConfig;
import dev.defactify.training.train.TrainingConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train --config FILE}: YAML or JSON, command-line options win, unknown keys refused by name. */
class TrainingConfigFileTest {

    @TempDir
    Path dir;

    private TrainingConfig resolve(String... args) throws Exception {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command.resolveConfig();
    }

    /** The recipe the GPU training stack runs (infra/configs/production.yaml) must stay a valid config. */
    @Test
    void theProductionRecipeIsAValidConfig() throws Exception {
        Path recipe = Path.of("..", "infra", "configs", "production.yaml");
        TrainingConfig config = resolve("--config", recipe.toString(), "--data", dir.toString(), "--pretrained",
                dir.resolve("resnet50.safetensors").toString(), "--device", "gpu", "--out", "run");
        assertEquals("resnet50", config.architecture());
        assertEquals(2, config.freezeBackboneEpochs());
        assertEquals(0.1, config.backboneRateFactor(), "pretrained: the backbone learns at a tenth of the rate");
        assertTrue(config.earlyStopPatience() > 0);
        assertTrue(config.augmentation().jpegProb() > 0 && config.augmentation().blurProb() > 0
                && config.augmentation().randomCrop() && config.augmentation().flipProb() > 0);
        assertEquals("gpu", config.device());
    }

    @Test
    void yamlFileSetsFieldsAndTheCommandLineOverridesThem() throws Exception {
        Path file = Files.writeString(dir.resolve("train.yaml"), """
                # a training recipe
                data: /data/defactify
                architecture: resnet50
                epochs: 12
                optimizer: sgd
                balance: sampler
                learningRate: 0.01
                earlyStopPatience: 3
                augmentation:
                  jpegProb: 0.5
                  jpegQuality: [40, 95]
                  flipProb: 0.5
                """);
        TrainingConfig fromFile = resolve("--config", file.toString(), "--out", "run");
        assertEquals("/data/defactify", fromFile.data());
        assertEquals("resnet50", fromFile.architecture());
        assertEquals(12, fromFile.epochs());
        assertEquals(OptimizerKind.SGD, fromFile.optimizer());
        assertEquals(ClassBalance.SAMPLER, fromFile.balance());
        assertEquals(0.01, fromFile.learningRate());
        assertEquals(3, fromFile.earlyStopPatience());
        assertEquals(Range.of(40, 95), fromFile.augmentation().jpegQuality());
        assertEquals(0.5, fromFile.augmentation().flipProb());
        assertEquals(AugmentationConfig.DEFAULT_BLUR_SIGMA, fromFile.augmentation().blurSigma());
        assertEquals(32, fromFile.batchSize(), "unset fields keep the command line's defaults");
        assertEquals(1.0, fromFile.backboneRateFactor());

        TrainingConfig overridden = resolve("--config", file.toString(), "--out", "run", "--epochs", "3",
                "--lr", "0.2", "--jpeg-quality", "60,70", "--blur-prob", "0.25", "--random-crop");
        assertEquals(3, overridden.epochs());
        assertEquals(0.2, overridden.learningRate());
        assertEquals(Range.of(60, 70), overridden.augmentation().jpegQuality());
        assertEquals(0.5, overridden.augmentation().jpegProb(), "file values the command line did not touch stay");
        assertEquals(0.25, overridden.augmentation().blurProb());
        assertTrue(overridden.augmentation().randomCrop());
        assertEquals("resnet50", overridden.architecture());
    }

    @Test
    void jsonFileAndARecordedRunConfigReproduceTheSameConfig() throws Exception {
        Path file = Files.writeString(dir.resolve("train.json"), """
                {"data": "d", "epochs": 2, "balance": "pos-weight", "pretrained": "w.safetensors",
                 "augmentation": {"randomCrop": true, "cropScale": [0.6, 0.9]}}
                """);
        TrainingConfig config = resolve("--config", file.toString(), "--out", "run", "--workers", "2");
        assertEquals(0.1, config.backboneRateFactor(), "pretrained from the file sets the backbone default");
        assertEquals("crop0.6-0.9", config.augmentation().name());

        // what run.json and the manifest record reads back as a config file giving the same config
        ObjectMapper json = new ObjectMapper();
        String recorded = json.writeValueAsString(config);
        assertTrue(recorded.contains("\"name\":\"crop0.6-0.9\""), recorded);
        Path again = Files.writeString(dir.resolve("recorded.json"), recorded);
        assertEquals(config, resolve("--config", again.toString(), "--out", "run"));
        RunRecord record = new RunRecord(config, "d", null, "cpu", "x", 1f, List.of(), 1, 1, "t", 2);
        assertEquals(config, json.readValue(json.writeValueAsString(record), RunRecord.class).config());
    }

    @Test
    void unknownKeysAreRefusedByName() throws Exception {
        Path top = Files.writeString(dir.resolve("top.yaml"), "data: d\nepochs: 2\nlearning_rate: 0.1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingConfigFile().read(top));
        assertTrue(e.getMessage().contains("unknown key 'learning_rate'"), e.getMessage());
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());

        Path nested = Files.writeString(dir.resolve("nested.yaml"), "augmentation:\n  jpegProbability: 0.5\n");
        e = assertThrows(IllegalArgumentException.class, () -> new TrainingConfigFile().read(nested));
        assertTrue(e.getMessage().contains("unknown key 'augmentation.jpegProbability'"), e.getMessage());

        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "data: d\nepochs: 2\naugmentation:\n  flipProb: 2\n");
        e = assertThrows(IllegalArgumentException.class, () -> resolve("--config", invalid.toString(), "--out", "r"));
        assertTrue(e.getMessage().contains("flipProb must be a probability"), e.getMessage());
    }

    @Test
    void withoutAConfigFileTheCommandLineAloneDecidesAndAugmentationIsOff() throws Exception {
        TrainingConfig config = resolve("--data", "d", "--epochs", "4", "--out", "r", "--jpeg-prob", "0.5",
                "--early-stop-patience", "2");
        assertEquals("jpeg0.5q30-100", config.augmentation().name());
        assertEquals(2, config.earlyStopPatience());
        TrainingConfig plain = resolve("--data", "d", "--epochs", "4", "--out", "r");
        assertTrue(plain.augmentation().isNone());
        assertEquals(0, plain.earlyStopPatience());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve("--out", "r"));
        assertTrue(e.getMessage().contains("data is required"), e.getMessage());
    }

    @Test
    void theGpuCountComesFromTheCommandLineOrTheFileAndOlderRunsReadAsAllGpus() throws Exception {
        assertEquals(0, resolve("--data", "d", "--epochs", "1", "--out", "r", "--device", "gpu").gpus(),
                "by default a GPU run uses every visible GPU");
        assertEquals(2, resolve("--data", "d", "--epochs", "1", "--out", "r", "--device", "gpu", "--gpus", "2").gpus());
        Path file = Files.writeString(dir.resolve("gpus.yaml"), "data: d\nepochs: 1\ndevice: gpu\ngpus: 4\n");
        assertEquals(4, resolve("--config", file.toString(), "--out", "r").gpus());
        IllegalArgumentException cpu = assertThrows(IllegalArgumentException.class,
                () -> resolve("--data", "d", "--epochs", "1", "--out", "r", "--gpus", "2"));
        assertTrue(cpu.getMessage().contains("gpus applies to device gpu only"), cpu.getMessage());
        // a run.json written before the GPU count existed
        Path old = Files.writeString(dir.resolve("old.json"), """
                {"data": "d", "epochs": 1, "device": "gpu"}
                """);
        assertEquals(0, resolve("--config", old.toString(), "--out", "r").gpus());
        ObjectMapper json = new ObjectMapper();
        String legacy = json.writeValueAsString(resolve("--data", "d", "--epochs", "1", "--out", "r"))
                .replace(",\"gpus\":0", "");
        assertTrue(!legacy.contains("gpus"), legacy);
        assertEquals(0, json.readValue(legacy, TrainingConfig.class).gpus());
    }

    @Test
    void theSkippedShareComesFromTheCommandLineOrTheFileAndOlderRunsReadAsNone() throws Exception {
        assertEquals(0.01, resolve("--data", "d", "--epochs", "1", "--out", "r").maxSkippedShare());
        Path file = Files.writeString(dir.resolve("share.yaml"), "data: d\nepochs: 1\nmaxSkippedShare: 0.05\n");
        assertEquals(0.05, resolve("--config", file.toString(), "--out", "r").maxSkippedShare());
        assertEquals(0.2, resolve("--config", file.toString(), "--out", "r", "--max-skipped-share", "0.2")
                .maxSkippedShare());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve("--data", "d", "--epochs", "1", "--out", "r", "--max-skipped-share", "1"));
        assertTrue(e.getMessage().contains("max skipped share must be in [0, 1)"), e.getMessage());
        // a run.json written before the share existed: strict, as such runs were
        Path old = Files.writeString(dir.resolve("old.json"), """
                {"data": "d", "epochs": 1}
                """);
        TrainingConfig legacy = resolve("--config", old.toString(), "--out", "r");
        assertEquals(0.01, legacy.maxSkippedShare(), "a config file without the key gets the command line's default");
        String recorded = new ObjectMapper().writeValueAsString(legacy).replace(",\"maxSkippedShare\":0.01", "");
        assertTrue(!recorded.contains("maxSkippedShare"), recorded);
        TrainingConfig read = new ObjectMapper().readValue(recorded, TrainingConfig.class);
        assertEquals(0, read.maxSkippedShare());
        assertTrue(read.computesSameAs(legacy), "a run stopped by the share can be resumed with another one");
    }
}
