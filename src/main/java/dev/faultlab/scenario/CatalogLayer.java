package dev.faultlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One place scenario files are found: a directory, or the built-in catalog inside the faultlab jar (or
 * {@code target/classes} when running from this project). The built-in files are read when the layer is
 * opened, so their trees outlive the jar's zip file system (a name or an {@code extends} may reach them later).
 *
 * @param where how messages name this layer: the directory, or {@value #BUILT_IN}
 * @param files its {@code *.yaml} files, sorted by name
 * @param read  the trees of files read up front (the built-ins); other files are read when asked for
 */
record CatalogLayer(String where, List<Path> files, Map<Path, JsonNode> read) {
    static final String BUILT_IN = "built-in";
    /** Where the build puts {@code lab-scenarios/*.yaml}, relative to the class path root. */
    static final String RESOURCE_DIR = "dev/faultlab/scenario/lab-scenarios";

    CatalogLayer {
        files = List.copyOf(files);
        read = Map.copyOf(read);
    }

    static CatalogLayer directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("scenario directory " + dir + " not found: pass an existing "
                    + "directory, or leave it out to use ./" + ScenarioCatalog.DEFAULT_DIR + " and the built-ins");
        }
        return new CatalogLayer(dir.toString(), yamlFiles(dir), Map.of());
    }

    /** A file's YAML tree, a fresh copy each time (callers may change it). */
    JsonNode tree(Path file) {
        JsonNode tree = read.get(file);
        return tree == null ? ScenarioLoader.readTree(file) : tree.deepCopy();
    }

    /** The file of a scenario name in this layer. */
    Optional<Path> file(String name) {
        return files.stream().filter(f -> nameOf(f).equals(name)).findFirst();
    }

    /** A scenario's name from its file: the file name without {@code .yaml}. */
    static String nameOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /** The built-in catalog of the jar (or class directory) this class was loaded from. */
    static CatalogLayer builtIn() {
        Path codeSource;
        try {
            codeSource = Path.of(CatalogLayer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the faultlab classes to read the built-in scenarios: "
                    + e.getMessage(), e);
        }
        return builtIn(codeSource);
    }

    /** The built-in catalog of a jar or class directory, read up front (a jar through a zip file system). */
    static CatalogLayer builtIn(Path codeSource) {
        boolean jar = !Files.isDirectory(codeSource);
        try (FileSystem zip = jar ? FileSystems.newFileSystem(codeSource) : null) {
            Path dir = (zip == null ? codeSource : zip.getPath("/")).resolve(RESOURCE_DIR);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("the built-in scenarios (" + RESOURCE_DIR + ") are missing from "
                        + codeSource + ": rebuild faultlab with 'mvn install'");
            }
            List<Path> files = yamlFiles(dir);
            Map<Path, JsonNode> trees = new LinkedHashMap<>();
            files.forEach(f -> trees.put(f, ScenarioLoader.readTree(f)));
            return new CatalogLayer(BUILT_IN, files, trees);
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
}
