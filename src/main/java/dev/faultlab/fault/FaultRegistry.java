package dev.faultlab.fault;

import dev.faultlab.Registry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds faults by name among the {@link Fault} services on the class path, so adding a fault is one class plus
 * one line in {@code META-INF/services/dev.faultlab.fault.Fault} and touches nothing else.
 */
public final class FaultRegistry {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Registry<Fault<?>> REGISTRY = (Registry) Registry.of(Fault.class, "fault", Fault::name);
    private final List<Fault<?>> faults;

    private FaultRegistry(List<Fault<?>> faults) {
        this.faults = List.copyOf(faults);
    }

    /** The faults on the class path. */
    public static FaultRegistry load() {
        return new FaultRegistry(REGISTRY.all().stream().sorted(Comparator.comparing(Fault::name)).toList());
    }

    public List<Fault<?>> all() {
        return faults;
    }

    public List<String> names() {
        return faults.stream().map(Fault::name).toList();
    }

    public Fault<?> named(String name) {
        Optional<Fault<?>> found = faults.stream().filter(f -> f.name().equals(name)).findFirst();
        return found.orElseGet(() -> REGISTRY.get(name));
    }

    /** The fault whose parameter record is {@code params}' type, with {@code params} as a scenario file writes them. */
    public FaultSpec spec(Record params) {
        Fault<?> fault = faults.stream().filter(f -> f.info().parameters().type() == params.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(params.getClass().getName() + " is not the"
                        + " parameter record of an installed fault: list the fault in"
                        + " META-INF/services/dev.faultlab.fault.Fault"));
        return spec(fault, params);
    }

    private static <P extends Record> FaultSpec spec(Fault<P> fault, Record params) {
        return FaultSpec.of(fault, fault.info().parameters().type().cast(params));
    }

    /**
     * Checks a spec names a known fault and binds its parameters (unknown names, missing required ones and malformed
     * values all fail here); throws one line naming the first problem.
     */
    public void validate(FaultSpec spec) {
        named(spec.name()).bind(spec);
    }
}
