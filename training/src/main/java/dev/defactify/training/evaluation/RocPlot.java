package dev.defactify.training.evaluation;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;

/** roc.png: the Task A ROC curve with its AUC in the legend and the chance diagonal for scale. */
final class RocPlot {

    private RocPlot() {
    }

    /** @throws IllegalArgumentException when the curve is undefined (one class only): there is nothing to draw */
    static void write(RocCurve roc, Path file) throws IOException {
        if (!roc.isDefined()) {
            throw new IllegalArgumentException("no ROC curve without both real and generated images");
        }
        XYChart chart = new XYChartBuilder().width(640).height(600)
                .title("Task A ROC (positive = AI-generated)")
                .xAxisTitle("False positive rate").yAxisTitle("True positive rate").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));

        double[] fpr = roc.points().stream().mapToDouble(RocPoint::falsePositiveRate).toArray();
        double[] tpr = roc.points().stream().mapToDouble(RocPoint::truePositiveRate).toArray();
        XYSeries curve = chart.addSeries("ROC (AUC = " + Formats.metric(roc.auc()) + ")", fpr, tpr);
        curve.setLineColor(new Color(31, 119, 180));
        curve.setMarker(SeriesMarkers.NONE);

        XYSeries chance = chart.addSeries("chance (AUC = 0.5)", new double[] {0, 1}, new double[] {0, 1});
        chance.setLineColor(Color.GRAY);
        chance.setLineStyle(SeriesLines.DASH_DASH);
        chance.setMarker(SeriesMarkers.NONE);
        PngCharts.save(chart, file);
    }
}
