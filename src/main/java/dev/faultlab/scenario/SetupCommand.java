package dev.faultlab.scenario;

import java.util.List;

/**
 * A command a scenario runs in one host right after the lab starts, with or without the fault, for environment
 * the backend does not build by itself (e.g. flannel's {@code --ip-masq} rule for pod egress). The fault itself
 * never belongs here: it goes into a Fault so a baseline run leaves it out.
 *
 * @param host lab host
 * @param argv the command as an argument list (never a shell string)
 * @param why  what real component this stands in for, shown in the run's log
 */
public record SetupCommand(String host, List<String> argv, String why) {
    public SetupCommand {
        argv = argv == null ? List.of() : List.copyOf(argv);
    }
}
