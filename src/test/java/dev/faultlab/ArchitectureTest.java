package dev.faultlab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layers, read from the import lines of the main sources: a package may import its own layer or a
 * lower one, never a higher one, and the backends ({@code dev.faultlab.backend.<name>}) are peers that import
 * none of each other. A new package must be placed in {@link #LAYERS} (a sub-package inherits its parent's).
 */
class ArchitectureTest {
    private static final String ROOT = "dev.faultlab";
    private static final String BACKENDS = ROOT + ".backend.";

    /** Lowest first. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry(ROOT, 0),
            Map.entry(ROOT + ".linux", 1),
            Map.entry(ROOT + ".topology", 1),
            Map.entry(ROOT + ".capture", 2),
            Map.entry(ROOT + ".capture.read", 2),
            Map.entry(ROOT + ".capture.layout", 2),
            Map.entry(ROOT + ".capture.live", 3),
            Map.entry(ROOT + ".detect", 3),
            Map.entry(ROOT + ".backend", 4),
            Map.entry(ROOT + ".capture.state", 5),
            Map.entry(ROOT + ".datapath", 5),
            Map.entry(ROOT + ".container", 5),
            Map.entry(ROOT + ".kubelab", 5),
            Map.entry(ROOT + ".backend.netns", 6),
            Map.entry(ROOT + ".backend.docker", 6),
            Map.entry(ROOT + ".backend.k3s", 6),
            Map.entry(ROOT + ".backend.kube", 6),
            Map.entry(ROOT + ".workload", 7),
            Map.entry(ROOT + ".fault", 7),
            Map.entry(ROOT + ".scenario", 8),
            Map.entry(ROOT + ".reproduce", 9),
            Map.entry(ROOT + ".junit", 9),
            Map.entry(ROOT + ".cli", 9));

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(" + Pattern.quote(ROOT)
            + "(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]", Pattern.MULTILINE);

    record Import(Path file, String from, String to) {
        @Override
        public String toString() {
            return file.getFileName() + ": " + from + " -> " + to;
        }
    }

    @Test
    void noPackageImportsAHigherLayer() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Import i : imports(Path.of("src/main/java"))) {
            if (layer(i.to()) > layer(i.from())) {
                violations.add(i + " (layer " + layer(i.from()) + " imports layer " + layer(i.to()) + ")");
            }
        }
        assertThat(violations).as("imports that run up the layers").isEmpty();
    }

    @Test
    void noBackendImportsAnother() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Import i : imports(Path.of("src/main/java"))) {
            Optional<String> from = backend(i.from());
            Optional<String> to = backend(i.to());
            if (from.isPresent() && to.isPresent() && !from.equals(to)) {
                violations.add(i.toString());
            }
        }
        assertThat(violations).as("backends must be peers: move what they share to datapath, container or kubelab")
                .isEmpty();
    }

    /** The CLI, the JUnit extension and scenarios reach a backend through the registry, never by its package. */
    @Test
    void onlyABackendImportsItself() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Import i : imports(Path.of("src/main/java"))) {
            Optional<String> to = backend(i.to());
            if (to.isPresent() && !to.equals(backend(i.from()))) {
                violations.add(i.toString());
            }
        }
        assertThat(violations).as("backends are plug-ins: use Backends.named(...) and the Backend interface")
                .isEmpty();
    }

    @Test
    void everyPackageHasALayerAndAPackageInfo() throws IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> dirs = Files.walk(main)) {
            List<Path> packages = dirs.filter(d -> hasJava(d)).toList();
            assertThat(packages).isNotEmpty();
            for (Path dir : packages) {
                String pkg = main.relativize(dir).toString().replace('/', '.');
                assertThat(layerOf(pkg)).as("package " + pkg + " has no layer in ArchitectureTest.LAYERS").isPresent();
                assertThat(dir.resolve("package-info.java")).as("package-info.java of " + pkg).exists();
            }
        }
    }

    /** The check itself can fail: an import from a backend into another, or downwards-to-upwards, is caught. */
    @Test
    void theRulesCatchWhatTheyForbid() {
        assertThat(backend(ROOT + ".backend.k3s")).contains("k3s");
        assertThat(backend(ROOT + ".backend")).isEmpty();
        assertThat(backend(ROOT + ".backend.docker.sub")).contains("docker");
        assertThat(layer(ROOT + ".capture.live")).isLessThan(layer(ROOT + ".backend"));
        assertThat(layer(ROOT + ".datapath.flannel")).isEqualTo(layer(ROOT + ".datapath"));
        assertThat(layerOf(ROOT + "x.unknown")).isEmpty();
    }

    private static boolean hasJava(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Import> imports(Path sources) throws IOException {
        List<Import> imports = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String from = sources.relativize(file.getParent()).toString().replace('/', '.');
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        imports.add(new Import(file, from, m.group(1)));
                    }
                }
            }
        }
        assertThat(imports).as("imports found under " + sources).isNotEmpty();
        return imports;
    }

    private static Optional<String> backend(String pkg) {
        return pkg.startsWith(BACKENDS) ? Optional.of(pkg.substring(BACKENDS.length()).split("\\.")[0])
                : Optional.empty();
    }

    private static int layer(String pkg) {
        return layerOf(pkg).orElseThrow(() -> new AssertionError("package " + pkg
                + " has no layer: add it to ArchitectureTest.LAYERS"));
    }

    private static Optional<Integer> layerOf(String pkg) {
        return LAYERS.keySet().stream().filter(p -> pkg.equals(p) || pkg.startsWith(p + "."))
                .max(Comparator.comparingInt(String::length)).map(LAYERS::get);
    }
}
