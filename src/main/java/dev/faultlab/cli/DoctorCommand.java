package dev.faultlab.cli;

import dev.faultlab.backend.HostCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code faultlab doctor}: what this host lacks for a backend's labs, and how to install it (exit 0 when nothing). */
@Command(name = "doctor", description = "Checks what a backend's labs need on this host (netns: root, kernel"
        + " features and tools).")
public final class DoctorCommand implements Subcommand, Callable<Integer> {
    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<HostCheck> checks = backend.chosen().doctor();
        PrintWriter out = spec.commandLine().getOut();
        for (HostCheck check : checks) {
            String mark = check.ok() ? "ok     " : check.required() ? "MISSING" : "note   ";
            out.printf("%s %-24s %s%n", mark, check.name(), check.detail());
        }
        long missing = checks.stream().filter(c -> c.required() && !c.ok()).count();
        out.println(missing == 0 ? "all good: " + backend.name + " labs can run here"
                : missing + " problem(s): install or fix what is MISSING above");
        return missing == 0 ? 0 : FaultlabCli.EXIT_USAGE;
    }
}
