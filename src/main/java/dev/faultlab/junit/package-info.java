/**
 * The JUnit 5 extension users write scenarios with: @FaultScenario, @FaultMatrix, ScenarioBuilder and the lab
 * parameter resolver.
 */
package dev.faultlab.junit;
