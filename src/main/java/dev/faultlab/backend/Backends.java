package dev.faultlab.backend;

import dev.faultlab.Registry;

import java.util.List;

/** Finds backends by name among the {@link Backend} services on the class path. */
public final class Backends {
    public static final String DEFAULT = "netns";

    private Backends() {
    }

    public static List<Backend> all() {
        return registry().all();
    }

    public static List<String> names() {
        return registry().keys();
    }

    /** The backend called {@code name}, with the settings of the environment. */
    public static Backend named(String name) {
        return registry().get(name);
    }

    /** The backend called {@code name}, with {@code settings}. */
    public static Backend named(String name, BackendSettings settings) {
        return named(name).with(settings);
    }

    private static Registry<Backend> registry() {
        return Registry.of(Backend.class, "backend", Backend::name);
    }
}
