package dev.faultlab.cli;

import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --dir} option of commands that read scenarios. */
final class CatalogOption {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "lab-scenarios",
            description = "scenario directory (default: ${DEFAULT-VALUE})")
    Path dir;

    ScenarioCatalog load() {
        return ScenarioCatalog.load(dir);
    }

    /**
     * A scenario by name from the directory, or a YAML file given by path; a file is read from its own
     * directory when the scenario directory is not there (running outside the project).
     */
    Scenario find(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        boolean yaml = nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml");
        if (yaml && !Files.isDirectory(dir) && Files.isRegularFile(file)) {
            return ScenarioCatalog.load(file.toAbsolutePath().getParent()).find(nameOrFile);
        }
        return load().find(nameOrFile);
    }
}
