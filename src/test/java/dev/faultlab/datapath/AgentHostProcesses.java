package dev.faultlab.datapath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What /proc shows of an agent host, for the backends' agent-host tests: its main class and its threads' namespaces. */
public final class AgentHostProcesses {
    private AgentHostProcesses() {
    }

    /** Whether process {@code pid}'s command line names {@code mainClass}; false once it has exited. */
    public static boolean runs(long pid, Class<?> mainClass) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).contains(mainClass.getName());
        } catch (IOException e) {
            return false;
        }
    }

    /** The network namespaces ({@code net:[inode]}) the threads of process {@code pid} are in. */
    public static Set<String> threadNamespaces(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(t -> {
                try {
                    return Files.readSymbolicLink(t.resolve("ns/net")).toString();
                } catch (IOException e) {
                    return ""; // the thread ended meanwhile
                }
            }).collect(Collectors.toSet());
        }
    }
}
