package dev.faultlab.workload;

import dev.faultlab.backend.Cluster;

import java.time.Duration;
import java.util.List;

/** Reads one kernel SNMP counter of a lab host with {@code nstat -asz} (absolute, without touching nstat's history). */
public final class NstatCounter {
    private NstatCounter() {
    }

    /** The counter's absolute value in the host's network namespace (0 when the kernel does not list it). */
    public static long read(Cluster cluster, String host, String counter) {
        String out = cluster.exec(host, List.of("nstat", "-asz", counter), Duration.ofSeconds(10)).orThrow().stdout();
        return parse(out, counter);
    }

    static long parse(String nstatOutput, String counter) {
        return nstatOutput.lines()
                .map(String::strip)
                .map(line -> line.split("\\s+"))
                .filter(fields -> fields.length >= 2 && fields[0].equals(counter))
                .mapToLong(fields -> Long.parseLong(fields[1]))
                .findFirst().orElse(0);
    }
}
