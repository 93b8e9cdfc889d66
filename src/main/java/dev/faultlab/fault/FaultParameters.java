package dev.faultlab.fault;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parameters of one fault, read from its parameter record ({@link Param} on each component): the one place
 * their names, types, defaults and meanings are written. Scenario files' string maps bind to the record here, and a
 * record built in code turns back into the strings reports show. Supported component types: {@code String},
 * {@code int}, {@code boolean}, {@code List<String>} (comma-separated) and {@code Optional<String>}.
 *
 * @param <P> the fault's parameter record
 */
public final class FaultParameters<P extends Record> {
    /** One declared parameter. */
    public record Declared(String name, String description, Optional<String> fallback, Type type) {
        /** Whether a scenario must give it. */
        public boolean required() {
            return fallback.isEmpty() && !(type instanceof ParameterizedType p && p.getRawType() == Optional.class);
        }

        /** Its meaning with its default, e.g. {@code the tunnel MTU (default 1440)}. */
        public String help() {
            return description + fallback.filter(f -> !f.isEmpty()).map(f -> " (default " + f + ")").orElse("");
        }
    }

    private final Class<P> type;
    private final List<Declared> declared;

    private FaultParameters(Class<P> type) {
        this.type = type;
        this.declared = Arrays.stream(type.getRecordComponents()).map(FaultParameters::declared).toList();
    }

    public static <P extends Record> FaultParameters<P> of(Class<P> type) {
        return new FaultParameters<>(type);
    }

    public Class<P> type() {
        return type;
    }

    public List<Declared> declared() {
        return declared;
    }

    public List<String> names() {
        return declared.stream().map(Declared::name).toList();
    }

    /** Parameter name to its meaning and default, in declaration order. */
    public Map<String, String> help() {
        Map<String, String> help = new LinkedHashMap<>();
        declared.forEach(d -> help.put(d.name(), d.help()));
        return help;
    }

    /**
     * Binds a scenario file's parameters. Fails with one line naming the fix on an unknown name, a missing required
     * parameter or a value of the wrong form, so a misspelt key never silently falls back to the default.
     */
    public P bind(String fault, Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!names().contains(key)) {
                throw new IllegalArgumentException("fault " + fault + " has no parameter '" + key + "'; known: "
                        + String.join(", ", names()));
            }
        }
        Object[] args = new Object[declared.size()];
        for (int i = 0; i < args.length; i++) {
            Declared d = declared.get(i);
            String given = Optional.ofNullable(values.get(d.name())).map(String::strip).filter(v -> !v.isEmpty())
                    .orElse(null);
            if (given == null && d.required()) {
                throw new IllegalArgumentException("fault " + fault + " needs parameter '" + d.name() + "' ("
                        + d.description() + "): add it under fault.params");
            }
            args[i] = convert(fault, d, given != null ? given : d.fallback().orElse(null));
        }
        try {
            Constructor<P> canonical = type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("parameter record " + type.getName() + " cannot be built", e);
        }
    }

    /** The parameters as a scenario file would write them (absent optionals left out). */
    public Map<String, String> strings(P params) {
        Map<String, String> strings = new LinkedHashMap<>();
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Object value;
            try {
                components[i].getAccessor().setAccessible(true);
                value = components[i].getAccessor().invoke(params);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String name = declared.get(i).name();
            if (value instanceof Optional<?> o) {
                o.ifPresent(v -> strings.put(name, v.toString()));
            } else if (value instanceof List<?> l) {
                strings.put(name, l.stream().map(Object::toString).collect(Collectors.joining(",")));
            } else if (value != null) {
                strings.put(name, value.toString());
            }
        }
        return strings;
    }

    private static Declared declared(RecordComponent component) {
        Param param = component.getAnnotation(Param.class);
        if (param == null) {
            throw new IllegalStateException(component.getDeclaringRecord().getName() + "." + component.getName()
                    + " has no @Param: say what it means and its default");
        }
        Optional<String> fallback = param.fallback().equals(Param.REQUIRED) ? Optional.empty()
                : Optional.of(param.fallback());
        return new Declared(kebab(component.getName()), param.value(), fallback, component.getGenericType());
    }

    private static Object convert(String fault, Declared d, String value) {
        Type t = d.type();
        if (t == String.class) {
            return value;
        }
        if (t == int.class || t == Integer.class) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault " + fault + " parameter '" + d.name()
                        + "' must be a number, got '" + value + "'");
            }
        }
        if (t == boolean.class || t == Boolean.class) {
            if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException("fault " + fault + " parameter '" + d.name()
                    + "' must be true or false, got '" + value + "'");
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        }
        if (t instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return Optional.ofNullable(value);
        }
        throw new IllegalStateException("parameter " + d.name() + " of fault " + fault + " has type " + t
                + ": use String, int, boolean, List<String> or Optional<String>");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
