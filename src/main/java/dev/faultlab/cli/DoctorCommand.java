package dev.faultlab.cli;

import dev.faultlab.backend.netns.Doctor;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code faultlab doctor}: what this host lacks for netns labs, and how to install it (exit 0 when nothing). */
@Command(name = "doctor", description = "Checks root, kernel features and tools the netns labs need.")
public final class DoctorCommand implements Subcommand, Callable<Integer> {
    @Override
    public Integer call() {
        List<Doctor.Check> checks = Doctor.run();
        for (Doctor.Check check : checks) {
            String mark = check.ok() ? "ok     " : check.required() ? "MISSING" : "note   ";
            System.out.printf("%s %-24s %s%n", mark, check.name(), check.detail());
        }
        long missing = checks.stream().filter(c -> c.required() && !c.ok()).count();
        System.out.println(missing == 0 ? "all good: labs can run here"
                : missing + " problem(s): install or fix what is MISSING above");
        return missing == 0 ? 0 : FaultlabCli.EXIT_USAGE;
    }
}
