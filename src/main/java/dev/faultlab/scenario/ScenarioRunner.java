package dev.faultlab.scenario;

/**
 * Runs a scenario from start to verdict: lab, workload servers, captures, snapshot "before", fault (unless a
 * baseline run), clients, snapshot "after", diagnosis, optional heal check. A run that breaks midway still
 * returns a failed {@link ScenarioResult} whose verdict names the error, so a matrix keeps going; only bad
 * input (an unknown variant or backend) throws.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    public static ScenarioResult run(Scenario scenario, RunOptions options) {
        try (ScenarioSession session = ScenarioSession.open(scenario, options)) {
            try {
                return session.runToVerdict();
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                return session.failure(e);
            }
        }
    }
}
