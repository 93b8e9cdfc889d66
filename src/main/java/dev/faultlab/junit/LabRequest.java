package dev.faultlab.junit;

import dev.faultlab.scenario.report.MatrixCase;

/**
 * The lab a test asked for: which scenario run, on which backend.
 *
 * @param run     scenario, variant, and whether the fault is injected
 * @param backend backend name
 */
record LabRequest(MatrixCase run, String backend) {
}
