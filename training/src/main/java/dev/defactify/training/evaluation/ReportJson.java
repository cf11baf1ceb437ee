package dev.defactify.training.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds report.json by hand rather than by reflecting on the records: the field order and names are a file format
 * that readers rely on, and must not shift when a record gains a component.
 */
final class ReportJson {

    private final ObjectMapper mapper;

    ReportJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toTree(EvaluationReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("createdAt", report.createdAt());
        root.put("dataset", report.dataset());
        root.put("split", report.split());
        root.put("count", report.count());
        root.set("run", mapper.valueToTree(report.run()));
        root.set("taskA", taskA(report.taskA()));
        root.set("taskB", taskB(report.taskB()));
        root.set("trainingHistory", report.trainingHistory().map(this::history).orElse(null));
        // Appended after the original fields so that older readers see the file they know, plus two keys.
        ArrayNode splits = root.putArray("splits");
        report.splits().forEach(headline -> splits.add(headline(headline)));
        root.set("calibration", report.calibrationSection().map(this::calibration).orElse(null));
        if (!report.robustness().isEmpty()) {
            root.set("robustness", robustness(report.robustness()));
        }
        return root;
    }

    private ObjectNode headline(SplitHeadline headline) {
        ObjectNode node = mapper.createObjectNode();
        node.put("split", headline.split());
        node.put("count", headline.count());
        ObjectNode taskA = node.putObject("taskA");
        taskA.put("accuracy", headline.taskA().accuracy());
        taskA.put("balancedAccuracy", headline.taskA().balancedAccuracy());
        taskA.put("f1", headline.taskA().f1());
        taskA.put("rocAuc", headline.taskA().rocAuc());
        ObjectNode taskB = node.putObject("taskB");
        taskB.put("accuracy", headline.taskB().accuracy());
        taskB.put("macroF1", headline.taskB().macroF1());
        return node;
    }

    private ObjectNode calibration(CalibrationSection section) {
        ObjectNode node = mapper.createObjectNode();
        node.put("fittedOn", section.fittedOn());
        node.put("aiTemperature", section.aiTemperature());
        node.put("sourceTemperature", section.sourceTemperature());
        node.put("unknownSourceBelow", section.unknownSourceBelow());
        node.put("targetAccuracy", section.targetAccuracy());
        node.put("rule", section.rule());
        node.put("eceBins", Reliability.BINS);
        ArrayNode splits = node.putArray("splits");
        for (SplitCalibration split : section.splits()) {
            ObjectNode entry = splits.addObject();
            entry.put("split", split.split());
            entry.put("count", split.count());
            ObjectNode taskA = entry.putObject("taskA");
            taskA.put("nllBefore", split.aiNllBefore());
            taskA.put("nllAfter", split.aiNllAfter());
            taskA.put("eceBefore", split.aiBefore().expectedCalibrationError());
            taskA.put("eceAfter", split.aiAfter().expectedCalibrationError());
            taskA.set("reliabilityAfter", bins(split.aiAfter()));
            ObjectNode taskB = entry.putObject("taskB");
            taskB.put("nllBefore", split.sourceNllBefore());
            taskB.put("nllAfter", split.sourceNllAfter());
            taskB.put("eceBefore", split.sourceBefore().expectedCalibrationError());
            taskB.put("eceAfter", split.sourceAfter().expectedCalibrationError());
            taskB.set("reliabilityAfter", bins(split.sourceAfter()));
            AttributionConfidence attribution = split.attribution();
            ObjectNode unknown = entry.putObject("unknownSource");
            unknown.put("level", attribution.level());
            unknown.put("coverage", attribution.coverage());
            unknown.put("confident", attribution.confident());
            unknown.put("confidentAccuracy", attribution.confidentAccuracy());
            unknown.put("unsure", attribution.unsure());
            unknown.put("unsureAccuracy", attribution.unsureAccuracy());
        }
        return node;
    }

    private ArrayNode bins(Reliability reliability) {
        ArrayNode array = mapper.createArrayNode();
        for (ReliabilityBin bin : reliability.bins()) {
            ObjectNode node = array.addObject();
            node.put("lower", bin.lower());
            node.put("upper", bin.upper());
            node.put("count", bin.count());
            node.put("meanConfidence", bin.meanConfidence());
            node.put("observed", bin.observed());
        }
        return array;
    }

    private ObjectNode taskA(TaskAMetrics metrics) {
        ObjectNode node = mapper.createObjectNode();
        node.put("threshold", metrics.threshold());
        node.put("support", metrics.support());
        node.put("accuracy", metrics.accuracy());
        node.put("precision", metrics.precision());
        node.put("recall", metrics.recall());
        node.put("f1", metrics.f1());
        node.put("rocAuc", metrics.rocAuc());
        node.put("balancedAccuracy", metrics.balancedAccuracy());
        node.put("realAccuracy", metrics.realAccuracy());
        node.put("generatedAccuracy", metrics.generatedAccuracy());
        BinaryCounts counts = metrics.counts();
        ObjectNode confusion = node.putObject("confusion");
        confusion.put("trueNegatives", counts.trueNegatives());
        confusion.put("falsePositives", counts.falsePositives());
        confusion.put("falseNegatives", counts.falseNegatives());
        confusion.put("truePositives", counts.truePositives());
        ObjectNode perGenerator = node.putObject("perGeneratorDetection");
        metrics.perGenerator().forEach((slug, detection) -> {
            ObjectNode entry = perGenerator.putObject(slug);
            entry.put("support", detection.support());
            entry.put("detected", detection.detected());
            entry.put("accuracy", detection.accuracy());
        });
        ObjectNode best = node.putObject("bestThreshold");
        best.put("threshold", metrics.bestThreshold().threshold());
        best.put("accuracy", metrics.bestThreshold().accuracy());
        notes(node, metrics.notes());
        return node;
    }

    private ObjectNode taskB(TaskBMetrics metrics) {
        ObjectNode node = mapper.createObjectNode();
        node.put("support", metrics.support());
        node.put("accuracy", metrics.accuracy());
        node.put("macroF1", metrics.macroF1());
        ObjectNode perClass = node.putObject("perClass");
        metrics.perClass().forEach((slug, classMetrics) -> {
            ObjectNode entry = perClass.putObject(slug);
            entry.put("precision", classMetrics.precision());
            entry.put("recall", classMetrics.recall());
            entry.put("f1", classMetrics.f1());
            entry.put("support", classMetrics.support());
            entry.put("predicted", classMetrics.predicted());
            entry.put("inMacroAverage", classMetrics.inMacroAverage());
        });
        ConfusionMatrix matrix = metrics.confusionMatrix();
        ObjectNode confusion = node.putObject("confusionMatrix");
        confusion.put("orientation", "rows are truth, columns are prediction");
        ArrayNode labels = confusion.putArray("labels");
        matrix.labels().forEach(labels::add);
        ArrayNode rows = confusion.putArray("counts");
        for (int truth = 0; truth < matrix.size(); truth++) {
            ArrayNode row = rows.addArray();
            for (int predicted = 0; predicted < matrix.size(); predicted++) {
                row.add(matrix.count(truth, predicted));
            }
        }
        notes(node, metrics.notes());
        return node;
    }

    private ObjectNode robustness(java.util.List<RobustnessRow> rows) {
        ObjectNode node = mapper.createObjectNode();
        node.put("description", "both tasks on the same split with every image perturbed after decoding, before "
                + "the shared preprocessing; Task A at the report's threshold");
        ArrayNode conditions = node.putArray("conditions");
        for (RobustnessRow row : rows) {
            ObjectNode entry = conditions.addObject();
            entry.put("condition", row.condition());
            ObjectNode taskA = entry.putObject("taskA");
            taskA.put("accuracy", row.taskAAccuracy());
            taskA.put("balancedAccuracy", row.taskABalancedAccuracy());
            taskA.put("rocAuc", row.taskARocAuc());
            ObjectNode taskB = entry.putObject("taskB");
            taskB.put("accuracy", row.taskBAccuracy());
            taskB.put("macroF1", row.taskBMacroF1());
        }
        return node;
    }

    private ArrayNode history(TrainingHistory history) {
        ArrayNode epochs = mapper.createArrayNode();
        for (EpochRecord epoch : history.epochs()) {
            ObjectNode node = epochs.addObject();
            node.put("epoch", epoch.epoch());
            node.put("trainLoss", epoch.trainLoss());
            node.put("trainBinaryLoss", epoch.trainBinaryLoss());
            node.put("trainSourceLoss", epoch.trainSourceLoss());
            node.put("valLoss", epoch.valLoss());
            node.put("valBinaryLoss", epoch.valBinaryLoss());
            node.put("valSourceLoss", epoch.valSourceLoss());
            node.put("valTaskAAccuracy", epoch.valTaskAAccuracy());
            node.put("valTaskBMacroF1", epoch.valTaskBMacroF1());
            node.put("learningRate", epoch.learningRate());
            node.put("imagesPerSecond", epoch.imagesPerSecond());
            node.put("seconds", epoch.seconds());
        }
        return epochs;
    }

    private void notes(ObjectNode node, java.util.List<String> notes) {
        ArrayNode array = node.putArray("notes");
        notes.forEach(array::add);
    }
}
