package dev.faultlab.container;

/**
 * Backend settings the CLI passes as system properties (from flags such as {@code --k3s-image}) and users may set
 * as environment variables; read when a lab starts, never cached.
 */
public final class LabSettings {
    private LabSettings() {
    }

    /**
     * The value of system property {@code property}, else of environment variable {@code env}, else {@code fallback}.
     */
    public static String get(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
