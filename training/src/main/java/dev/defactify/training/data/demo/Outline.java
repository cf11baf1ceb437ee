package dev.defactify.training.data.demo;

/**
 * The silhouette of a scene object as an approximate signed distance in pixels (negative inside), which gives
 * soft, antialiased edges of any width without supersampling.
 */
sealed interface Outline permits Outline.Ellipse, Outline.ConvexPolygon, Outline.Blob {

    double signedDistance(double x, double y);

    /** A centre for shading: light falls on one side of the object. */
    double centreX();

    double centreY();

    /** Radius of a circle around the centre that holds the whole shape, so painting can skip far pixels. */
    double reach();

    record Ellipse(double centreX, double centreY, double radiusX, double radiusY, double angle) implements Outline {
        @Override
        public double signedDistance(double x, double y) {
            double dx = x - centreX;
            double dy = y - centreY;
            double u = (dx * Math.cos(angle) + dy * Math.sin(angle)) / radiusX;
            double v = (-dx * Math.sin(angle) + dy * Math.cos(angle)) / radiusY;
            return (Math.sqrt(u * u + v * v) - 1) * Math.min(radiusX, radiusY);
        }

        @Override
        public double reach() {
            return Math.max(radiusX, radiusY);
        }
    }

    /** Vertices counter-clockwise in image coordinates (y down), i.e. increasing angle from the centre. */
    record ConvexPolygon(double centreX, double centreY, double[] xs, double[] ys) implements Outline {
        @Override
        public double signedDistance(double x, double y) {
            double worst = Double.NEGATIVE_INFINITY;
            int n = xs.length;
            for (int i = 0; i < n; i++) {
                int j = (i + 1) % n;
                double ex = xs[j] - xs[i];
                double ey = ys[j] - ys[i];
                double length = Math.hypot(ex, ey);
                // Outward normal of an edge walked with increasing angle in a y-down frame.
                double distance = ((x - xs[i]) * ey - (y - ys[i]) * ex) / length;
                worst = Math.max(worst, distance);
            }
            return worst;
        }

        @Override
        public double reach() {
            double reach = 0;
            for (int i = 0; i < xs.length; i++) {
                reach = Math.max(reach, Math.hypot(xs[i] - centreX, ys[i] - centreY));
            }
            return reach;
        }
    }

    /** A circle whose radius wobbles with a few low harmonics: rocks, bushes, clouds. */
    record Blob(double centreX, double centreY, double radius, double[] amplitudes, double[] phases)
            implements Outline {
        @Override
        public double signedDistance(double x, double y) {
            double dx = x - centreX;
            double dy = y - centreY;
            double theta = Math.atan2(dy, dx);
            double wobble = 1;
            for (int k = 0; k < amplitudes.length; k++) {
                wobble += amplitudes[k] * Math.cos((k + 2) * theta + phases[k]);
            }
            return Math.hypot(dx, dy) - radius * wobble;
        }

        @Override
        public double reach() {
            double total = 1;
            for (double amplitude : amplitudes) {
                total += Math.abs(amplitude);
            }
            return radius * total;
        }
    }
}
