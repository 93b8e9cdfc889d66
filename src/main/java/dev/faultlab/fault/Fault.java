package dev.faultlab.fault;

/**
 * One way a cluster breaks, injected the way the field saw it happen (kill the daemon, set an MTU, recreate a
 * device, listen with a tiny backlog, narrow a SNAT port range, flip a sysctl), never by faking packets or
 * counters. A fault touches the lab only through {@link FaultContext#cluster()} (exec argument lists and
 * NodeAgent calls) so every backend reuses it unchanged. Implementations are ServiceLoader services listed in
 * {@code META-INF/services/dev.faultlab.fault.Fault} and found by {@link FaultInfo#name()} through {@link FaultRegistry}.
 *
 * @param <P> its parameter record: one component per parameter, each with a {@link Param} saying what it means
 *            and its default. Scenario files bind to it (unknown or malformed parameters fail when the scenario
 *            loads) and code passes it typed ({@code ScenarioBuilder.fault(new TunnelMtuBlackhole.Params(...))}).
 */
public interface Fault<P extends Record> {
    /** Its name, description and parameter record. */
    FaultInfo<P> info();

    /** The id scenario files use, e.g. {@code routing-agent-kill}. */
    default String name() {
        return info().name();
    }

    /** Breaks the cluster, and returns once the break is in effect (e.g. the peers withdrew the routes). */
    void inject(FaultContext context, P params);

    /** True when {@link #heal} undoes the fault, so a scenario (or {@code reproduce --verify-fix}) can prove a fix. */
    default boolean heals() {
        return false;
    }

    /** Undoes {@link #inject}, for scenarios that prove the fix; the default does nothing. */
    default void heal(FaultContext context, P params) {
    }

    /** Binds a scenario's parameters as written: one line naming the fix if one is unknown, missing or malformed. */
    default P bind(FaultSpec spec) {
        return info().parameters().bind(name(), spec.params());
    }

    /** {@link #inject} with the parameters as a scenario file wrote them. */
    default void inject(FaultContext context, FaultSpec spec) {
        inject(context, bind(spec));
    }

    /** {@link #heal} with the parameters as a scenario file wrote them. */
    default void heal(FaultContext context, FaultSpec spec) {
        heal(context, bind(spec));
    }
}
