package dev.faultlab.backend.netns;

import dev.faultlab.datapath.Signals;
import dev.faultlab.datapath.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes everything one lab made, from its state directory alone, so it works for a live lab, a lab whose
 * owner JVM was SIGKILLed, and a detached lab: the recorded processes (checked by start time, so a reused PID
 * is spared), any other process still inside the lab's namespaces (a daemon's children, a user's socat), then
 * the namespaces themselves, which takes their links, routes and iptables rules with them.
 */
final class LabTeardown {
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private LabTeardown() {
    }

    static void remove(LabStateDir lab) {
        stopAndDeleteNamespaces(lab);
        lab.delete();
    }

    /** As {@link #remove}, but the daemons' logs stay for the error message of a failed bring-up to point at. */
    static void removeKeepingLogs(LabStateDir lab) {
        stopAndDeleteNamespaces(lab);
        lab.deleteKeepingLogs();
    }

    private static void stopAndDeleteNamespaces(LabStateDir lab) {
        List<String> namespaces = lab.namespaces();
        List<ProcessIdentity> killed = new ArrayList<>();
        for (ProcessIdentity process : lab.processes()) {
            if (process.alive()) {
                Signals.group(process.pid(), "KILL");
                Signals.process(process.pid(), "KILL");
                killed.add(process);
            }
        }
        for (long pid : processesInside(namespaces)) {
            ProcessIdentity.of(pid).ifPresent(killed::add);
            Signals.process(pid, "KILL");
        }
        awaitGone(killed);
        deleteNamespaces(namespaces);
    }

    /**
     * SIGKILL only takes effect once the process is scheduled again, which on a loaded machine can be long after
     * kill(2) returned; until then it still runs in the lab's namespaces. Waits (bounded) until every killed process
     * has exited (a zombie has), so that the lab is really gone when removal returns.
     */
    private static void awaitGone(List<ProcessIdentity> killed) {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (killed.stream().anyMatch(ProcessIdentity::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Path netnsFile(String namespace) {
        return NETNS_DIR.resolve(namespace);
    }

    private static void deleteNamespaces(List<String> namespaces) {
        List<String> existing = namespaces.stream().filter(ns -> Files.exists(netnsFile(ns))).toList();
        if (existing.isEmpty()) {
            return;
        }
        String batch = existing.stream().map(ns -> "netns del " + ns).collect(Collectors.joining("\n", "", "\n"));
        Commands.run(List.of("ip", "-force", "-batch", "-"), batch, Duration.ofSeconds(30));
    }

    /** PIDs of processes whose network namespace is one of the lab's (found via /proc, without forking). */
    static List<Long> processesInside(List<String> namespaces) {
        Set<String> inodes = new HashSet<>();
        for (String ns : namespaces) {
            try {
                inodes.add("net:[" + Files.getAttribute(netnsFile(ns), "unix:ino") + "]");
            } catch (IOException | RuntimeException e) {
                // namespace already gone
            }
        }
        List<Long> pids = new ArrayList<>();
        if (inodes.isEmpty()) {
            return pids;
        }
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                try {
                    if (inodes.contains(Files.readSymbolicLink(proc.resolve("ns/net")).toString())) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // process ended meanwhile
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }
}
