package dev.faultlab;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plug-ins of one kind on the class path ({@code META-INF/services/<interface>}), found by their key. Every
 * lookup loads fresh instances (a plug-in may keep per-lab state), in the order the services files list them, and
 * an unknown key fails with one line listing the keys that exist.
 *
 * @param <T> the plug-in interface
 */
public final class Registry<T> {
    private final Class<T> service;
    private final String what;
    private final Function<T, List<String>> keys;

    private Registry(Class<T> service, String what, Function<T, List<String>> keys) {
        this.service = service;
        this.what = what;
        this.keys = keys;
    }

    /**
     * @param what names a plug-in in messages, e.g. {@code "backend"} gives "unknown backend 'x': use one of ..."
     */
    public static <T> Registry<T> of(Class<T> service, String what, Function<T, String> key) {
        return new Registry<>(service, what, p -> List.of(key.apply(p)));
    }

    /** A registry whose plug-ins may each answer to several keys (a builder serving several datapaths). */
    public static <T> Registry<T> ofEach(Class<T> service, String what, Function<T, List<String>> keys) {
        return new Registry<>(service, what, keys);
    }

    public List<T> all() {
        return ServiceLoader.load(service, service.getClassLoader()).stream().map(ServiceLoader.Provider::get)
                .toList();
    }

    public List<String> keys() {
        return all().stream().flatMap(p -> keys.apply(p).stream()).toList();
    }

    public Optional<T> find(String wanted) {
        return all().stream().filter(p -> keys.apply(p).contains(wanted)).findFirst();
    }

    /** The plug-in with key {@code wanted}; an {@link IllegalArgumentException} naming the known keys if none. */
    public T get(String wanted) {
        List<T> all = all();
        return all.stream().filter(p -> keys.apply(p).contains(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + wanted + "': use one of "
                        + all.stream().flatMap(p -> keys.apply(p).stream()).collect(Collectors.joining(", "))));
    }
}
