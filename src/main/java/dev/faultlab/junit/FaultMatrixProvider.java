package dev.faultlab.junit;

import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioCatalog;
import dev.faultlab.scenario.report.MatrixCase;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Expands a {@link FaultMatrix} template into one invocation per scenario × variant × {fault, no fault}. */
final class FaultMatrixProvider implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), FaultMatrix.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        FaultMatrix matrix = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), FaultMatrix.class)
                .orElseThrow();
        String backend = LabStore.backend(matrix.backend(), context);
        return MatrixCase.of(scenarios(matrix, context.getRequiredTestClass())).stream()
                .map(run -> new Invocation(new LabRequest(run, backend)));
    }

    /** The scenarios listed, else the one the test class declares with {@link FaultScenario}, else all. */
    private static List<Scenario> scenarios(FaultMatrix matrix, Class<?> testClass) {
        Optional<FaultScenario> declared = AnnotationSupport.findAnnotation(testClass, FaultScenario.class)
                .filter(d -> !d.value().isEmpty() || !d.file().isEmpty());
        if (matrix.scenarios().length == 0 && declared.isPresent()) {
            return List.of(ScenarioBinder.fromCatalog(declared.get()));
        }
        ScenarioCatalog catalog = ScenarioBinder.catalogOf(matrix.catalog());
        return matrix.scenarios().length == 0 ? catalog.all()
                : Arrays.stream(matrix.scenarios()).map(catalog::find).toList();
    }

    /** One matrix case: named after it, and binding it to the invocation before it runs. */
    private record Invocation(LabRequest request) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return request.run().displayName();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((BeforeEachCallback) context -> LabStore.bind(context, request));
        }
    }
}
