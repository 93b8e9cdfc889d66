package dev.faultlab.cli;

import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --dir} option of commands that read scenarios. */
final class CatalogOption {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "scenario directory, searched before ./lab-scenarios and the built-in scenarios")
    Path dir;

    /** {@code --dir}, then {@code ./lab-scenarios}, then the built-ins. */
    ScenarioCatalog load() {
        return ScenarioCatalog.resolve(dir);
    }

    /** A scenario by name from the catalog, or a YAML file given by path (which may extend a catalog scenario). */
    Scenario find(String nameOrFile) {
        return load().find(nameOrFile);
    }
}
