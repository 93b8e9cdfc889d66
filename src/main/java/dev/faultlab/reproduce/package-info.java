/**
 * {@code faultlab reproduce}: from a customer's captures and node state back to a lab scenario that fails the same
 * way. The inputs are diagnosed ({@link dev.faultlab.reproduce.CustomerEvidence}); the top root cause picks the
 * built-in scenario whose {@code expect.cause} it is ({@link dev.faultlab.reproduce.ScenarioTemplate}); one
 * {@link dev.faultlab.reproduce.CauseParameters} per cause (a ServiceLoader service) fills the scenario's
 * parameters from the customer's facts, each {@link dev.faultlab.reproduce.FilledValue} naming its source; the
 * scenario is written with a comment per value, run with and without its fault, and the customer's signature
 * is compared with the lab's ({@link dev.faultlab.reproduce.Comparison}).
 */
package dev.faultlab.reproduce;
