package dev.faultlab.reproduce;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import java.util.Optional;
import java.util.Random;

/**
 * Gives each test a {@link Seed} for its random draws and makes every run replayable: the seed is the JUnit
 * configuration parameter {@value #PARAMETER} when it is set (read through
 * {@link ExtensionContext#getConfigurationParameter}), else a fresh one. The seed is published as a report entry
 * when the test starts, and a failing test's message ends with the parameter that replays it.
 */
final class ReplayableSeed implements BeforeEachCallback, ParameterResolver, TestExecutionExceptionHandler {
    /** The configuration parameter that replays a run, e.g. {@code -Dfaultlab.roundtrip.seed=123456}. */
    static final String PARAMETER = "faultlab.roundtrip.seed";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReplayableSeed.class);

    /** One test's seed and the generator drawn from it. */
    record Seed(long value, Random random, boolean replayed) {
        static Seed of(long value, boolean replayed) {
            return new Seed(value, new Random(value), replayed);
        }

        /** The words that replay this test's draws. */
        String replay() {
            return "seed " + value + (replayed ? " (replayed)" : "") + "; replay with -D" + PARAMETER + "=" + value;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.publishReportEntry(PARAMETER, String.valueOf(seed(context).value()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Seed.class;
    }

    @Override
    public Seed resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return seed(context);
    }

    /** Appends the replay to whatever the test threw, assertion or lab error alike (a skip is left alone). */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        String replay = seed(context).replay();
        // a skipped test (an assumption that failed) stays skipped
        if (thrown instanceof TestAbortedException
                || thrown.getMessage() != null && thrown.getMessage().contains(replay)) {
            throw thrown;
        }
        AssertionError withSeed = new AssertionError(thrown.getMessage() + "\n[" + context.getDisplayName() + ": "
                + replay + "]", thrown);
        withSeed.setStackTrace(thrown.getStackTrace());
        throw withSeed;
    }

    private static Seed seed(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("seed", key -> fresh(context), Seed.class);
    }

    private static Seed fresh(ExtensionContext context) {
        Optional<String> given = context.getConfigurationParameter(PARAMETER);
        if (given.isPresent()) {
            try {
                return Seed.of(Long.parseLong(given.get().strip()), true);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("configuration parameter " + PARAMETER + " must be a whole number"
                        + " (a seed a failed run printed), got '" + given.get() + "'");
            }
        }
        return Seed.of(System.nanoTime(), false);
    }
}
