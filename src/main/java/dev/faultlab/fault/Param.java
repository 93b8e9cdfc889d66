package dev.faultlab.fault;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one parameter of a fault on a component of the fault's parameter record: what it means and, unless the
 * scenario must give it, its default as a scenario file would write it. The YAML name is the component's name in
 * kebab case ({@code withinSeconds} is {@code within-seconds}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** Marks a parameter without a default, which a scenario must give (an {@code Optional} never needs one). */
    String REQUIRED = "\u0000required";

    /** What the parameter means, one line. */
    String value();

    /** The default, as a scenario file writes it ({@code 1440}, {@code true}, {@code node-1,node-2}, or empty). */
    String fallback() default REQUIRED;
}
