package dev.faultlab.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each test of the annotated class (or the annotated test) against a fresh lab of a scenario. Test methods
 * may take parameters: {@code Cluster} or {@code ClusterLayout} (the running lab), {@code Scenario},
 * {@code Fault}, {@code ScenarioSession} (the steps, to drive one by one) or {@code ScenarioResult} (the whole
 * run, done before the test body). The lab is removed after the test; on failure the captures, a host-state
 * snapshot and the report stay in {@code target/faultlab/<class>/<test>/}. Tests are skipped with the reason when
 * the backend cannot run here (e.g. not root).
 *
 * <pre>{@code
 * @FaultScenario("tunl0-mtu-blackhole")
 * class MtuTest {
 *     @Test
 *     void namesTheTunnel(ScenarioResult result) {
 *         assertThat(result.passed()).as(result.verdict()).isTrue();
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith({ScenarioBinder.class, LabParameterResolver.class, FailureArtifacts.class})
public @interface FaultScenario {
    /**
     * A scenario name from the catalog ({@link #catalog()}, then the project's {@code lab-scenarios/}, then the
     * built-ins), or a path to a scenario YAML file.
     */
    String value() default "";

    /**
     * Instead of {@link #value()}: a scenario YAML file, relative to the working directory (the project
     * directory under Maven), e.g. {@code src/test/resources/scenarios/my-mtu.yaml}. It may start with
     * {@code extends: NAME} to change a catalog scenario.
     */
    String file() default "";

    /**
     * Instead of {@link #value()}: the name of a static method of the test class returning a
     * {@code Scenario} built in code (see {@link ScenarioBuilder}), like {@code @MethodSource}.
     */
    String factory() default "";

    /** Variant to run; empty for the scenario's default setup. */
    String variant() default "";

    /** Run the baseline: everything but the fault. */
    boolean noFault() default false;

    /** Backend name; empty means the {@code faultlab.backend} system property, else {@code netns}. */
    String backend() default "";

    /**
     * A scenario directory searched first, relative to the working directory; empty for the default order:
     * the project's {@code lab-scenarios/}, then the built-in scenarios.
     */
    String catalog() default "";
}
