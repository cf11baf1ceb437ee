package dev.defactify.training.evaluation;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * confusion-matrix.png: colour is the row-normalised share (so a rare class reads as clearly as a common one), the
 * text in each cell is the raw count with that share. Truth runs down the rows from real at the top, predictions
 * across the columns, both in head order.
 */
final class ConfusionMatrixPlot {

    /** Cells cover the whole plot area so that {@link CellLabels} can find them from the plot bounds alone. */
    static final double PLOT_CONTENT_SIZE = 1.0;

    private ConfusionMatrixPlot() {
    }

    static void write(ConfusionMatrix matrix, Path file) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(760).height(640)
                .title("Task B confusion matrix (colour = share of the true class)")
                .xAxisTitle("Predicted").yAxisTitle("Truth").build();
        HeatMapStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotContentSize(PLOT_CONTENT_SIZE);
        styler.setShowValue(false);
        styler.setDrawBorder(true);
        styler.setMin(0.0);
        styler.setMax(1.0);
        styler.setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setHeatMapValueDecimalPattern("0%");

        int size = matrix.size();
        // XChart puts y index 0 at the bottom; reversing the y labels puts the first truth row (real) on top.
        List<String> rowsBottomUp = new ArrayList<>(matrix.labels()).reversed();
        List<Number[]> cells = new ArrayList<>();
        for (int truth = 0; truth < size; truth++) {
            for (int predicted = 0; predicted < size; predicted++) {
                cells.add(new Number[] {predicted, size - 1 - truth, matrix.rowFraction(truth, predicted)});
            }
        }
        chart.addSeries("share of true class", matrix.labels(), rowsBottomUp, cells);
        chart.addAnnotation(new CellLabels(matrix));
        PngCharts.save(chart, file);
    }
}
