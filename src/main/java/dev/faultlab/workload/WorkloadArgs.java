package dev.faultlab.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the workload binary's argument list from a scenario's option map (never a shell string). */
public final class WorkloadArgs {
    private WorkloadArgs() {
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
