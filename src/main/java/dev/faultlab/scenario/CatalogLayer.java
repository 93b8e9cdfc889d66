package dev.faultlab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One place scenario files are found: a directory, or the built-in catalog inside the faultlab jar (or
 * {@code target/classes} when running from this project).
 *
 * @param where how messages name this layer: the directory, or {@value #BUILT_IN}
 * @param files its {@code *.yaml} files, sorted by name
 */
record CatalogLayer(String where, List<Path> files) {
    static final String BUILT_IN = "built-in";
    /** Where the build puts {@code lab-scenarios/*.yaml}, relative to the class path root. */
    static final String RESOURCE_DIR = "dev/faultlab/scenario/lab-scenarios";

    CatalogLayer {
        files = List.copyOf(files);
    }

    static CatalogLayer directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("scenario directory " + dir + " not found: pass an existing "
                    + "directory, or leave it out to use ./" + ScenarioCatalog.DEFAULT_DIR + " and the built-ins");
        }
        return new CatalogLayer(dir.toString(), yamlFiles(dir));
    }

    /** The file of a scenario name in this layer. */
    Optional<Path> file(String name) {
        return files.stream().filter(f -> nameOf(f).equals(name)).findFirst();
    }

    /** A scenario's name from its file: the file name without {@code .yaml}. */
    static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** Opens the built-in catalog; close it once its files are read (a jar is read through a zip file system). */
    static BuiltIn builtIn() {
        Path codeSource;
        try {
            codeSource = Path.of(CatalogLayer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the faultlab classes to read the built-in scenarios: "
                    + e.getMessage(), e);
        }
        try {
            FileSystem zip = Files.isDirectory(codeSource) ? null : FileSystems.newFileSystem(codeSource);
            Path dir = (zip == null ? codeSource : zip.getPath("/")).resolve(RESOURCE_DIR);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("the built-in scenarios (" + RESOURCE_DIR + ") are missing from "
                        + codeSource + ": rebuild faultlab with 'mvn install'");
            }
            return new BuiltIn(new CatalogLayer(BUILT_IN, yamlFiles(dir)), zip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in scenarios in " + codeSource + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenarios in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The built-in layer while its files can be read. */
    record BuiltIn(CatalogLayer layer, FileSystem zip) implements AutoCloseable {
        @Override
        public void close() {
            if (zip != null) {
                try {
                    zip.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
