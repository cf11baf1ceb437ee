package dev.defactify.training.evaluation;

import org.knowm.xchart.internal.chartpart.Annotation;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

/**
 * Writes "count" and "share" into each confusion-matrix cell. XChart's own cell text can only print the value
 * that sets the colour, and the colour here is the row share, so the counts are drawn as an annotation over the
 * plot area, which {@link ConfusionMatrixPlot} makes coincide with the cell grid.
 */
final class CellLabels extends Annotation {

    private static final Font COUNT_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font SHARE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final ConfusionMatrix matrix;

    CellLabels(ConfusionMatrix matrix) {
        super(true);
        this.matrix = matrix;
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double left = getXAxisScreenValueForMin();
        double top = getYAxisScreenValueForMin();
        double cellWidth = (getXAxisScreenValueForMax() - left) / matrix.size();
        double cellHeight = (getYAxisScreenValueForMax() - top) / matrix.size();
        for (int truth = 0; truth < matrix.size(); truth++) {
            for (int predicted = 0; predicted < matrix.size(); predicted++) {
                double share = matrix.rowFraction(truth, predicted);
                // Dark text on pale cells, white on dark ones, switching where the colour ramp gets dark.
                g.setColor(share > 0.5 ? Color.WHITE : new Color(30, 30, 30));
                double centreX = left + (predicted + 0.5) * cellWidth;
                double centreY = top + (truth + 0.5) * cellHeight;
                centred(g, COUNT_FONT, Long.toString(matrix.count(truth, predicted)), centreX, centreY - 2);
                centred(g, SHARE_FONT, Formats.percent(share), centreX, centreY + 14);
            }
        }
    }

    private static void centred(Graphics2D g, Font font, String text, double x, double baseline) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0), (float) baseline);
    }
}
