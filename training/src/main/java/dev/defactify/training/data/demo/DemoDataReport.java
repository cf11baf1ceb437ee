package dev.defactify.training.data.demo;

import java.nio.file.Path;
import java.time.Duration;

/** What {@link DemoDataGenerator#generate} wrote. */
public record DemoDataReport(Path root, Path manifest, int scenes, int images, Duration elapsed) {
}
