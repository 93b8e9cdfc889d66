package dev.faultlab.backend.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The lab's stand-in for flannel's etcd subnet leases: one file per node in the lab's state directory, replaced
 * atomically (write + rename) so a reader never sees half a lease.
 */
final class LeaseTable {
    private final Path dir;

    LeaseTable(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    void publish(FlannelLease lease) {
        try {
            AtomicFiles.write(file(lease.node()), lease.format());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the flannel lease of " + lease.node() + ": " + e.getMessage(), e);
        }
    }

    Optional<FlannelLease> lease(String node) {
        Path file = file(node);
        try {
            return Files.exists(file) ? Optional.of(FlannelLease.parse(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    List<FlannelLease> all() {
        List<FlannelLease> leases = new ArrayList<>();
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

    private Path file(String node) {
        return dir.resolve(node + ".lease");
    }
}
