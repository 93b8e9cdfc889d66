package dev.faultlab.backend.netns;

import dev.faultlab.datapath.LogFileProcess;
import dev.faultlab.LabException;
import dev.faultlab.linux.NetworkNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the lab's long-running processes inside its namespaces ({@code setsid ip netns exec NS argv}: a new
 * session so the whole group can be signalled, and /sys remounted for the namespace) and records each one in the
 * state directory before returning it, so that a crashed JVM's daemons can be reaped.
 */
final class ProcessTracker {
    private final LabStateDir state;
    private final List<LogFileProcess> processes = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    ProcessTracker(LabStateDir state) {
        this.state = state;
    }

    LogFileProcess start(String host, String namespace, List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command for host " + host + ": give the program and its arguments");
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.addAll(argv);
        return startOnHost(host, command, argv);
    }

    /** A lab process in this machine's own namespaces (the agent host, whose threads join the nodes'). */
    LogFileProcess startOnHost(String name, List<String> argv) {
        return startOnHost(name, argv, argv);
    }

    /**
     * A daemon (a BGP speaker) spawned from a thread that joined the host's namespace: one exec fewer than
     * {@code ip netns exec}, and no private mount namespace, which a daemon that only talks netlink and TCP does
     * not need; a 100-node lab starts 100 of them.
     */
    LogFileProcess startJoined(String host, Path netnsFile, List<String> argv) {
        return NetworkNamespace.call("start on " + host, netnsFile, () -> startOnHost(host, argv, argv));
    }

    private LogFileProcess startOnHost(String host, List<String> argv, List<String> shown) {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(argv);
        Path logs = state.dir().resolve("logs");
        String program = Path.of(shown.get(0)).getFileName().toString();
        Path log = logs.resolve(host + "-" + sequence.incrementAndGet() + "-" + program + ".log");
        try {
            Files.createDirectories(logs);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            ProcessIdentity.of(process.pid()).ifPresent(state::recordProcess);
            LogFileProcess tracked = new LogFileProcess(host, process, log, true);
            processes.add(tracked);
            return tracked;
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", shown) + " in " + host + ": " + e.getMessage()
                    + " (is util-linux installed? run 'faultlab doctor')", e);
        }
    }

    /** Ends every process this lab started (TERM, then KILL after a grace period), newest first. */
    void closeAll() {
        List<LogFileProcess> all = new ArrayList<>(processes);
        all.forEach(p -> p.signal("TERM"));
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
        processes.clear();
    }
}
