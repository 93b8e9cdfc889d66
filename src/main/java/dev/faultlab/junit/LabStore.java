package dev.faultlab.junit;

import dev.faultlab.backend.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a test's lab lives: the test's {@link ExtensionContext.Store}, so JUnit closes it (an
 * {@link AutoCloseable}) when the test ends, whatever happened. The request is bound before the test; the lab
 * itself is opened only when a parameter needs it.
 */
final class LabStore {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create("dev.faultlab.junit");
    /** Configuration parameter (or system property) naming the default backend. */
    static final String BACKEND_PARAMETER = "faultlab.backend";
    /** Configuration parameter: where failed tests leave their captures, snapshots and report. */
    static final String OUTPUT_PARAMETER = "faultlab.output";
    /** Configuration parameter: keep the artifacts of passing tests too. */
    static final String KEEP_PARAMETER = "faultlab.keepArtifacts";

    private LabStore() {
    }

    /** The backend an annotation names, else the configured default, else {@code netns}. */
    static String backend(String declared, ExtensionContext context) {
        return declared.isEmpty() ? context.getConfigurationParameter(BACKEND_PARAMETER).orElse(Backends.DEFAULT)
                : declared;
    }

    /** Binds the request to the test, or skips the test with the backend's one-line reason. */
    static void bind(ExtensionContext context, LabRequest request) {
        String reason = Backends.named(request.backend()).unavailableReason();
        if (reason != null) {
            Assumptions.abort("faultlab backend " + request.backend() + " unavailable: " + reason);
        }
        context.getStore(NAMESPACE).put(LabRequest.class, request);
    }

    /** The test's lab, opened on first use. */
    static LabResource lab(ExtensionContext context) {
        LabRequest request = context.getStore(NAMESPACE).get(LabRequest.class, LabRequest.class);
        if (request == null) {
            throw new ParameterResolutionException("no faultlab scenario for " + context.getDisplayName()
                    + ": annotate the test with @FaultScenario or @FaultMatrix");
        }
        Path root = outputRoot(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(LabResource.class,
                key -> new LabResource(request, root, outputDir(context, root, request), keepAll(context)),
                LabResource.class);
    }

    /** The test's lab if a parameter opened one. */
    static Optional<LabResource> openedLab(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(LabResource.class, LabResource.class));
    }

    private static Path outputRoot(ExtensionContext context) {
        return Path.of(context.getConfigurationParameter(OUTPUT_PARAMETER).orElse("target/faultlab"));
    }

    /** {@code <root>/<class>/<method>[/<matrix case>]}. */
    private static Path outputDir(ExtensionContext context, Path root, LabRequest request) {
        Path dir = root.resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(context.getRequiredTestMethod().getName());
        boolean matrix = context.getRequiredTestMethod().isAnnotationPresent(FaultMatrix.class);
        return matrix ? dir.resolve(request.run().slug()) : dir;
    }

    private static boolean keepAll(ExtensionContext context) {
        return context.getConfigurationParameter(KEEP_PARAMETER, Boolean::parseBoolean).orElse(false);
    }
}
