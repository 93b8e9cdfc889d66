package dev.faultlab.junit;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test template run once per scenario × variant × {fault, no fault} of a catalog, each against its own lab,
 * named e.g. {@code tunl0-mtu-blackhole/icmp-delivered · no fault}. Parameters are resolved as for
 * {@link FaultScenario}, plus the invocation's {@code MatrixCase}. In a class annotated
 * {@code @FaultScenario("name")}, the matrix covers that scenario's variants only (unless {@link #scenarios()}
 * lists others).
 *
 * <pre>{@code
 * @FaultMatrix
 * void everyFaultIsNamed(MatrixCase run, ScenarioResult result) {
 *     assertThat(result.passed()).as(result.verdict()).isTrue();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith({FaultMatrixProvider.class, LabParameterResolver.class, FailureArtifacts.class})
public @interface FaultMatrix {
    /**
     * A scenario directory searched first, relative to the working directory; empty for the default order:
     * the project's {@code lab-scenarios/}, then the built-in scenarios.
     */
    String catalog() default "";

    /** Only these scenarios (names); empty for all. */
    String[] scenarios() default {};

    /** Backend name; empty means the {@code faultlab.backend} system property, else {@code netns}. */
    String backend() default "";
}
