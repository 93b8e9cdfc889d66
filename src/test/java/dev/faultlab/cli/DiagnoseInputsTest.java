package dev.faultlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.detect.Diagnosis;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faultlab diagnose DIR|TARBALL}: what collect-node-state.sh wrote, with the customer's captures put beside
 * it (renamed, gzip'd), gives the same findings as the captures and --state given one by one.
 */
class DiagnoseInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode diagnose(String... args) throws IOException {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    /** The lab run's state/before as collect-node-state.sh lays it out, and its two captures under odd names. */
    private Path customerDirectory() throws Exception {
        Path run = Path.of(DiagnoseInputsTest.class.getResource("/lab-runs/tunl0-mtu-blackhole").toURI());
        Path customer = Files.createDirectories(dir.resolve("ticket-4711"));
        Path state = customer.resolve("faultlab-state");
        copyTree(run.resolve("state/before"), state);
        Files.writeString(state.resolve("snapshot.json"), "{\"takenAt\": null, \"labId\": null, \"label\": \"before\"}");
        Files.copy(run.resolve("captures/client-eth0.pcapng"), customer.resolve("client-side.cap.bin"));
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(customer.resolve("node1.dump")))) {
            Files.copy(run.resolve("captures/node-1-eth0.pcapng"), gz);
        }
        return customer;
    }

    private static JsonNode expectedFindings() throws Exception {
        Path run = Path.of(DiagnoseInputsTest.class.getResource("/lab-runs/tunl0-mtu-blackhole").toURI());
        String json = Diagnosis.analyze(List.of(run.resolve("captures/client-eth0.pcapng"),
                run.resolve("captures/node-1-eth0.pcapng")), List.of(run.resolve("state/before"))).toJson();
        return withoutSources(JSON.readTree(json).path("findings"));
    }

    /** Evidence names captures by file name, which the customer changed: compare everything else. */
    private static JsonNode withoutSources(JsonNode findings) {
        findings.forEach(f -> f.path("evidence").forEach(e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e)
                .remove("source")));
        return findings;
    }

    @Test
    void collectNodeStateDirectoryGivesItsSnapshotAndTheCapturesBesideIt() throws Exception {
        Path customer = customerDirectory();
        JsonNode report = diagnose("diagnose", "--json", customer.toString());
        assertThat(report.path("captures")).hasSize(2);
        assertThat(report.path("stateDirs")).hasSize(1);
        assertThat(report.path("stateDirs").get(0).asText()).endsWith("faultlab-state");
        assertThat(report.path("findings").get(0).path("cause").asText()).isEqualTo("tunnel-mtu-blackhole");
        assertThat(withoutSources(report.path("findings"))).isEqualTo(expectedFindings());
    }

    /** A snapshot directory itself (as --state takes it) given as the argument is read as that state. */
    @Test
    void aSnapshotDirectoryGivenAsTheArgumentIsItsState() throws Exception {
        Path snapshot = customerDirectory().resolve("faultlab-state");
        JsonNode asArgument = diagnose("diagnose", "--json", snapshot.toString());
        assertThat(asArgument.path("stateDirs")).hasSize(1);
        assertThat(asArgument.path("stateDirs").get(0).asText()).endsWith("faultlab-state");
        assertThat(asArgument.path("captures")).isEmpty();
        assertThat(asArgument).isEqualTo(diagnose("diagnose", "--json", "--state", snapshot.toString()));
    }

    @Test
    void tarballIsUnpackedReadAndRemoved() throws Exception {
        Path customer = customerDirectory();
        Path tarball = dir.resolve("ticket.tgz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(
                Files.newOutputStream(tarball)));
             Stream<Path> files = Files.walk(customer)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), dir.relativize(file).toString());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        JsonNode report = diagnose("diagnose", "--json", tarball.toString());
        assertThat(report.path("captures")).hasSize(2);
        assertThat(report.path("stateDirs")).hasSize(1);
        assertThat(withoutSources(report.path("findings"))).isEqualTo(expectedFindings());
        Path unpackedCapture = Path.of(report.path("captures").get(0).asText());
        assertThat(unpackedCapture).doesNotExist();
        assertThat(unpackedCapture.getParent().getParent()).doesNotExist();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
