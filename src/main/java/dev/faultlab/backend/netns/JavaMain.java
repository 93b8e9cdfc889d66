package dev.faultlab.backend.netns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs a main class of this jar in a new JVM, with the running JVM's java and class path:
 * how the in-lab flannel agents and BGP route syncs are started. Small heap, C1 only and serial GC, because
 * these agents are tiny and their start-up time is part of the lab's bring-up time.
 */
final class JavaMain {
    private JavaMain() {
    }

    static List<String> command(Class<?> main, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-Xmx32m", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        argv.addAll(args);
        return argv;
    }
}
