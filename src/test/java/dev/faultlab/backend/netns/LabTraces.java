package dev.faultlab.backend.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a lab left on the host: its namespaces, and processes whose command line names the lab. */
final class LabTraces {
    private LabTraces() {
    }

    static List<String> namespaces(String labId) {
        try (Stream<Path> all = Files.list(Path.of("/run/netns"))) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(labId + "-")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Long> processes(String labId) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(labId) && Long.parseLong(name) != ProcessHandle.current().pid()) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }
}
