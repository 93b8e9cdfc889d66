package dev.faultlab.backend.netns;

import dev.faultlab.Registry;
import dev.faultlab.topology.Datapath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the netns backend needs from the host, checked before anything is created: root, and the tools of the
 * base lab plus those of the chosen datapath. Each problem is one line naming the fix.
 */
final class Preflight {
    private static final Registry<DatapathDriver> DRIVERS = Registry.of(DatapathDriver.class,
            "datapath of the netns backend", d -> d.datapath().id());
    static final List<Tool> BASE_TOOLS = List.of(
            new Tool("ip", "iproute2"), new Tool("bridge", "iproute2"), new Tool("iptables-restore", "iptables"),
            new Tool("ethtool", "ethtool"), new Tool("setsid", "util-linux"), new Tool("nsenter", "util-linux"),
            new Tool("conntrack", "conntrack"));

    private Preflight() {
    }

    /** Effective UID 0, read from /proc/self/status (user.name may be anything under sudo or in a container). */
    static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Problems for building a lab with this datapath (empty when it can be built). */
    static List<String> problems(DatapathDriver driver) {
        List<String> problems = new ArrayList<>(baseProblems());
        driver.requiredTools().stream().filter(t -> !t.installed()).map(Tool::missingMessage).forEach(problems::add);
        return problems;
    }

    /** Problems for any lab at all: root and the tools every datapath uses. */
    static List<String> baseProblems() {
        List<String> problems = new ArrayList<>();
        if (!root()) {
            problems.add("not root: the netns backend creates network namespaces; run as root (sudo ./faultlab ...)");
        }
        BASE_TOOLS.stream().filter(t -> !t.installed()).map(Tool::missingMessage).forEach(problems::add);
        return problems;
    }

    static DatapathDriver driver(Datapath datapath) {
        return DRIVERS.get(datapath.id());
    }

    static List<DatapathDriver> drivers() {
        return DRIVERS.all();
    }

    static Optional<String> firstProblem(DatapathDriver driver) {
        return problems(driver).stream().findFirst();
    }
}
