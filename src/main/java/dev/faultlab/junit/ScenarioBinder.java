package dev.faultlab.junit;

import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.ScenarioVariant;
import dev.faultlab.scenario.report.MatrixCase;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Binds the scenario a {@link FaultScenario} test declares (method first, then class) before the test runs;
 * {@link FaultMatrix} templates are left to their invocations.
 */
final class ScenarioBinder implements BeforeEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        if (AnnotationSupport.isAnnotated(context.getRequiredTestMethod(), FaultMatrix.class)) {
            return; // each matrix invocation binds its own case
        }
        FaultScenario declared = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), FaultScenario.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), FaultScenario.class))
                .orElseThrow(() -> new ExtensionConfigurationException("@FaultScenario not found on "
                        + context.getDisplayName()));
        String variant = declared.variant().isEmpty() ? ScenarioVariant.DEFAULT : declared.variant();
        MatrixCase run = new MatrixCase(scenario(declared, context), variant, declared.noFault());
        run.scenario().setup(variant); // an unknown variant fails here, naming the ones there are
        LabStore.bind(context, new LabRequest(run, LabStore.backend(declared.backend(), context)));
    }

    private static Scenario scenario(FaultScenario declared, ExtensionContext context) {
        long given = Stream.of(declared.value(), declared.file(), declared.factory()).filter(s -> !s.isEmpty()).count();
        if (given != 1) {
            throw new ExtensionConfigurationException("@FaultScenario on " + context.getDisplayName()
                    + " needs exactly one of a scenario name (value), a YAML file (file) or a factory method name"
                    + " (factory)");
        }
        if (!declared.factory().isEmpty()) {
            return fromFactory(context.getRequiredTestClass(), declared.factory());
        }
        return fromCatalog(declared);
    }

    /** The scenario an annotation names by {@code value} or {@code file}, looked up in its catalog. */
    static Scenario fromCatalog(FaultScenario declared) {
        ScenarioCatalog catalog = catalogOf(declared.catalog());
        return declared.file().isEmpty() ? catalog.find(declared.value()) : catalog.file(Path.of(declared.file()));
    }

    /** The catalog an annotation names: its directory first (when given), then the project's, then the built-ins. */
    static ScenarioCatalog catalogOf(String dir) {
        return ScenarioCatalog.resolve(dir.isEmpty() ? null : Path.of(dir));
    }

    private static Scenario fromFactory(Class<?> testClass, String name) {
        Method factory = ReflectionSupport.findMethod(testClass, name)
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Scenario.class.isAssignableFrom(m.getReturnType()))
                .orElseThrow(() -> new ExtensionConfigurationException("no static method " + name + "() returning "
                        + "Scenario in " + testClass.getName() + ": add one or fix @FaultScenario(factory)"));
        return (Scenario) ReflectionSupport.invokeMethod(factory, null);
    }
}
