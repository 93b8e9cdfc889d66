package dev.faultlab.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that exists to be run by {@link FaultlabExtensionTest} through EngineTestKit (some fail on
 * purpose); it is skipped when a build selects it directly, e.g. with {@code -Dtest=...}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(Fixture.OnlyInTestKit.class)
@interface Fixture {
    /** Configuration parameter the extension's tests set when they run fixtures. */
    String PARAMETER = "faultlab.test.fixtures";

    /** Enables fixtures only when {@link #PARAMETER} is set. */
    final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by FaultlabExtensionTest")
                    : ConditionEvaluationResult.disabled("fixture of FaultlabExtensionTest, run through EngineTestKit");
        }
    }
}
