package dev.faultlab.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the workload binary's argument list from a scenario's option map (never a shell string). */
public final class WorkloadArgs {
    /**
     * The options {@code faultlab-workload} parses ({@code images/workload/faultlab-workload.c}; a test keeps the
     * two in step). {@code targets} is not here: a scenario gives targets as {@code to}.
     */
    public static final List<String> OPTIONS = List.of("close-first", "nodelay", "df", "port", "backlog",
            "accept-delay-ms", "count", "parallel", "write-gap-ms", "source-port", "connect-timeout-ms", "timeout-ms",
            "interval-ms", "max-seconds", "writes");

    private WorkloadArgs() {
    }

    /** Refuses an option the workload binary does not take, so a misspelt one fails when the scenario loads. */
    public static void check(Map<String, String> options) {
        for (String key : new TreeMap<>(options).keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is not a workload option; known: "
                        + String.join(", ", OPTIONS));
            }
        }
    }

    /**
     * {@code program run --key value ...} in key order; a value {@code true} is a bare flag and {@code false}
     * leaves the option out.
     */
    public static List<String> command(String program, String run, Map<String, String> options) {
        List<String> argv = new ArrayList<>(List.of(program, run));
        new TreeMap<>(options).forEach((key, value) -> {
            if (value.equals("true")) {
                argv.add("--" + key);
            } else if (!value.equals("false")) {
                argv.add("--" + key);
                argv.add(value);
            }
        });
        return argv;
    }
}
