package dev.defactify.training.evaluation;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** loss-curves.png: total losses solid, the binary and attribution components dashed in matching hues. */
final class LossCurvesPlot {

    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(214, 39, 40);
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 4f}, 0f);

    private LossCurvesPlot() {
    }

    static void write(TrainingHistory history, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(540)
                .title("Training and validation loss").xAxisTitle("Epoch").yAxisTitle("Loss").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        add(chart, history, "train total", e -> e.trainLoss(), TRAIN, SeriesLines.SOLID);
        add(chart, history, "val total", EpochRecord::valLoss, VALIDATION, SeriesLines.SOLID);
        add(chart, history, "train binary", EpochRecord::trainBinaryLoss, TRAIN.brighter(), DASHED);
        add(chart, history, "train source", EpochRecord::trainSourceLoss, TRAIN.darker(), SeriesLines.DOT_DOT);
        add(chart, history, "val binary", EpochRecord::valBinaryLoss, VALIDATION.brighter(), DASHED);
        add(chart, history, "val source", EpochRecord::valSourceLoss, VALIDATION.darker(), SeriesLines.DOT_DOT);
        PngCharts.save(chart, file);
    }

    private static void add(XYChart chart, TrainingHistory history, String name, Function<EpochRecord, Double> value,
                            Color color, BasicStroke line) {
        // Epochs without the value are skipped, not plotted as zero: a missing validation pass is not a zero loss.
        List<EpochRecord> recorded = history.epochs().stream().filter(e -> value.apply(e) != null).toList();
        if (recorded.isEmpty()) {
            return;
        }
        double[] epochs = recorded.stream().mapToDouble(EpochRecord::epoch).toArray();
        double[] losses = recorded.stream().mapToDouble(e -> value.apply(e)).toArray();
        XYSeries series = chart.addSeries(name, epochs, losses);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(line);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
