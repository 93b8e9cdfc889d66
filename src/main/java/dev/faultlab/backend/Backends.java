package dev.faultlab.backend;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds backends by name among the {@link Backend} services on the class path. */
public final class Backends {
    public static final String DEFAULT = "netns";

    private Backends() {
    }

    public static List<Backend> all() {
        return ServiceLoader.load(Backend.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    public static Backend named(String name) {
        List<Backend> all = all();
        return all.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + name + "': use one of "
                        + all.stream().map(Backend::name).collect(Collectors.joining(", "))));
    }
}
