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
                session.startLab();
                session.startWorkload();
                session.startCaptures();
                session.snapshot("before");
                session.injectFault();
                session.driveWorkload();
                session.snapshot("after");
                session.stopCaptures();
                session.diagnose();
                session.healAndVerify();
                return session.result();
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                return session.failure(e);
            }
        }
    }
}
