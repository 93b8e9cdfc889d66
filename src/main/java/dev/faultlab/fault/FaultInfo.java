package dev.faultlab.fault;

/**
 * What a fault is called and takes, for scenario files, listings and reports.
 *
 * @param name        the id scenario files use, e.g. {@code routing-agent-kill}
 * @param description one line: what the fault does to the cluster
 * @param parameters  its parameters, read from its parameter record; scenario files may use no others
 * @param <P>         the parameter record
 */
public record FaultInfo<P extends Record>(String name, String description, FaultParameters<P> parameters) {
    public FaultInfo(String name, String description, Class<P> parameters) {
        this(name, description, FaultParameters.of(parameters));
    }
}
