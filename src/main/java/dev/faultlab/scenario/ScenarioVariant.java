package dev.faultlab.scenario;

/**
 * A named variation of a scenario (e.g. graceful restart instead of a plain kill), fully resolved: the file's
 * variant section overlaid on the scenario's defaults.
 *
 * @param name        variant name as in the file
 * @param description what differs and what happens then
 * @param setup       the resolved setup
 */
public record ScenarioVariant(String name, String description, ScenarioSetup setup) {
    /** The name of the scenario's own setup, used when no variant is asked for. */
    public static final String DEFAULT = "default";

    public boolean expectsRootCause() {
        return setup.expectsRootCause();
    }
}
