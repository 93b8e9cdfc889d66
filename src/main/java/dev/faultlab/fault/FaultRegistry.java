package dev.faultlab.fault;

import dev.faultlab.Registry;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds faults by name among the {@link Fault} services on the class path, so adding a fault is one class plus
 * one line in {@code META-INF/services/dev.faultlab.fault.Fault} and touches nothing else.
 */
public final class FaultRegistry {
    private static final Registry<Fault> REGISTRY = Registry.of(Fault.class, "fault", Fault::name);
    private final List<Fault> faults;

    private FaultRegistry(List<Fault> faults) {
        this.faults = List.copyOf(faults);
    }

    /** The faults on the class path. */
    public static FaultRegistry load() {
        return new FaultRegistry(REGISTRY.all().stream().sorted(Comparator.comparing(Fault::name)).toList());
    }

    public List<Fault> all() {
        return faults;
    }

    public List<String> names() {
        return faults.stream().map(Fault::name).toList();
    }

    public Fault named(String name) {
        return faults.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseGet(() -> REGISTRY.get(name));
    }

    /** Checks a spec names a known fault and only parameters it understands; throws one line naming the first problem. */
    public void validate(FaultSpec spec) {
        Fault fault = named(spec.name());
        List<String> unknown = spec.params().keySet().stream()
                .filter(k -> !fault.info().parameters().containsKey(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("'" + unknown.get(0) + "' is not a parameter of fault '" + fault.name()
                    + "': use " + fault.info().parameters().keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
    }
}
