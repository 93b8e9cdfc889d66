package dev.faultlab.fault;

/**
 * One way a cluster breaks, injected the way the field saw it happen (kill the daemon, set an MTU, recreate a
 * device, listen with a tiny backlog, narrow a SNAT port range, flip a sysctl), never by faking packets or
 * counters. A fault touches the lab only through {@link FaultContext#cluster()} (exec argument lists and
 * NodeAgent calls) so every backend reuses it unchanged. Implementations are ServiceLoader services listed in
 * {@code META-INF/services/dev.faultlab.fault.Fault} and found by {@link FaultInfo#name()} through {@link FaultRegistry}.
 */
public interface Fault {
    /** Its name, description and parameters. */
    FaultInfo info();

    /** The id scenario files use, e.g. {@code routing-agent-kill}. */
    default String name() {
        return info().name();
    }

    /** Breaks the cluster, and returns once the break is in effect (e.g. the peers withdrew the routes). */
    void inject(FaultContext context);

    /** Undoes {@link #inject}, for scenarios that prove the fix; the default does nothing. */
    default void heal(FaultContext context) {
    }
}
