package dev.faultlab.fault;

import dev.faultlab.backend.Cluster;

import java.time.Duration;
import java.util.List;

/** Writes a kernel setting in one lab host's network namespace through {@link Cluster#exec}. */
public final class Sysctl {
    private Sysctl() {
    }

    public static void write(Cluster cluster, String host, String key, String value) {
        cluster.exec(host, List.of("sysctl", "-w", key + "=" + value), Duration.ofSeconds(10)).orThrow();
    }
}
