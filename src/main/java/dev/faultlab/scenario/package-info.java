/**
 * Scenarios: a cluster, a fault, a workload and an expected cause, loaded from YAML or built in code, run against a
 * backend and judged on the diagnosis.
 */
package dev.faultlab.scenario;
