package dev.faultlab.cli;

import dev.faultlab.scenario.ScenarioCatalog;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --dir} option of commands that read scenarios. */
final class CatalogOption {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "lab-scenarios",
            description = "scenario directory (default: ${DEFAULT-VALUE})")
    Path dir;

    ScenarioCatalog load() {
        return ScenarioCatalog.load(dir);
    }
}
