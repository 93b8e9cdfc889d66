package dev.faultlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The captures and state directories {@code faultlab diagnose} reads. A directory argument is expanded: a scenario
 * run's output directory ({@code captures/*.pcapng} and {@code state/<label>/}) gives both, any other directory
 * its capture files.
 *
 * @param captures  capture files
 * @param stateDirs state snapshot directories
 */
record DiagnoseInputs(List<Path> captures, List<Path> stateDirs) {
    static DiagnoseInputs of(List<Path> arguments, List<Path> stateOptions) {
        List<Path> captures = new ArrayList<>();
        List<Path> states = new ArrayList<>(stateOptions);
        for (Path argument : arguments) {
            if (!Files.isDirectory(argument)) {
                captures.add(argument);
                continue;
            }
            Path run = argument.resolve("captures");
            List<Path> found = captureFiles(Files.isDirectory(run) ? run : argument);
            if (found.isEmpty()) {
                throw new IllegalArgumentException(argument + ": no *.pcap or *.pcapng files in this directory; give"
                        + " capture files or a scenario run directory (with captures/ and state/)");
            }
            captures.addAll(found);
            if (Files.isDirectory(argument.resolve("state"))) {
                states.addAll(children(argument.resolve("state")).stream().filter(Files::isDirectory).toList());
            }
        }
        return new DiagnoseInputs(List.copyOf(captures), List.copyOf(states));
    }

    private static List<Path> captureFiles(Path dir) {
        return children(dir).stream().filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|cap)$")).toList();
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
