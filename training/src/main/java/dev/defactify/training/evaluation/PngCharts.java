package dev.defactify.training.evaluation;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves XChart charts as high-resolution PNG at an exact path. */
final class PngCharts {

    /** 2x keeps text sharp in a Markdown viewer that scales the image down. */
    static final int DPI = 144;

    private PngCharts() {
    }

    static void save(Chart<?, ?> chart, Path file) throws IOException {
        String name = file.toString();
        if (!name.endsWith(".png")) {
            // BitmapEncoder would append ".png" and the caller would look for a file that is not there.
            throw new IllegalArgumentException("PNG plot file must end in .png: " + file);
        }
        BitmapEncoder.saveBitmapWithDPI(chart, name, BitmapEncoder.BitmapFormat.PNG, DPI);
        if (!Files.isRegularFile(file)) {
            throw new IOException("XChart did not write " + file);
        }
    }
}
