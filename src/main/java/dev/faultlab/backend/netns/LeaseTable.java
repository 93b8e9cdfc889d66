package dev.faultlab.backend.netns;

import dev.faultlab.datapath.AtomicFiles;
import dev.faultlab.datapath.VtepLease;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The lab's stand-in for flannel's etcd subnet leases: one properties file of {@link VtepLease} per node in the lab's
 * state directory, replaced atomically (write + rename) so a reader never sees half a lease. Files, not memory,
 * because the netns agents are processes that outlive the JVM that started the lab.
 */
final class LeaseTable {
    private final Path dir;

    LeaseTable(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    void publish(VtepLease lease) {
        String text = "node=" + lease.node() + "\npodCidr=" + lease.podCidr() + "\nvtepMac=" + lease.vtepMac()
                + "\nunderlayIp=" + lease.underlayIp() + "\n";
        try {
            AtomicFiles.write(file(lease.node()), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the flannel lease of " + lease.node() + ": " + e.getMessage(), e);
        }
    }

    Optional<VtepLease> lease(String node) {
        Path file = file(node);
        try {
            return Files.exists(file) ? Optional.of(parse(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    List<VtepLease> all() {
        List<VtepLease> leases = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return leases;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".lease")).sorted().toList()) {
                String name = f.getFileName().toString();
                lease(name.substring(0, name.length() - ".lease".length())).ifPresent(leases::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leases;
    }

    private static VtepLease parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return new VtepLease(p.getProperty("node"), p.getProperty("podCidr"), p.getProperty("vtepMac"),
                p.getProperty("underlayIp"));
    }

    private Path file(String node) {
        return dir.resolve(node + ".lease");
    }
}
