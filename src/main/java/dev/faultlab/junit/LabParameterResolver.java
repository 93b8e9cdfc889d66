package dev.faultlab.junit;

import dev.faultlab.backend.Cluster;
import dev.faultlab.fault.Fault;
import dev.faultlab.fault.FaultRegistry;
import dev.faultlab.scenario.Scenario;
import dev.faultlab.scenario.ScenarioResult;
import dev.faultlab.scenario.ScenarioSession;
import dev.faultlab.scenario.report.MatrixCase;
import dev.faultlab.topology.ClusterLayout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Hands a test the parts of its lab it asks for, by parameter type. Asking for the {@code Cluster} starts the
 * lab; asking for the {@code ScenarioResult} runs the whole scenario before the test body.
 */
final class LabParameterResolver implements ParameterResolver {
    /** A parameter type and how to get it from the test's lab. */
    private record LabParameter(Class<?> type, Function<LabResource, Object> value) {
    }

    private static final List<LabParameter> PARAMETERS = List.of(
            new LabParameter(MatrixCase.class, lab -> lab.request().run()),
            new LabParameter(Scenario.class, lab -> lab.request().run().scenario()),
            new LabParameter(Fault.class, lab -> FaultRegistry.load().named(
                    lab.request().run().scenario().setup(lab.request().run().variant()).fault().name())),
            new LabParameter(ScenarioSession.class, LabResource::session),
            new LabParameter(Cluster.class, LabResource::cluster),
            new LabParameter(ClusterLayout.class, lab -> lab.cluster().layout()),
            new LabParameter(ScenarioResult.class, LabResource::result));

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return find(parameter.getParameter().getType()).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return find(parameter.getParameter().getType()).orElseThrow().value().apply(LabStore.lab(context));
    }

    private static Optional<LabParameter> find(Class<?> type) {
        return PARAMETERS.stream().filter(p -> p.type().equals(type)).findFirst();
    }
}
