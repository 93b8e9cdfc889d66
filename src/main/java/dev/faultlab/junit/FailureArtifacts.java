package dev.faultlab.junit;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When a test fails while its lab is up, keeps what explains the failure: a host-state snapshot taken at that
 * moment, the flushed captures and a report, in the test's output directory. Runs right after the test method,
 * before the lab is closed.
 */
final class FailureArtifacts implements AfterTestExecutionCallback {
    @Override
    public void afterTestExecution(ExtensionContext context) {
        context.getExecutionException().ifPresent(failure ->
                LabStore.openedLab(context).ifPresent(lab -> lab.preserve(failure)));
    }
}
