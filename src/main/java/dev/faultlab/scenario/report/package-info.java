/**
 * Reports of scenario runs: the HTML and text reports, and the fault matrix's confusion matrix.
 */
package dev.faultlab.scenario.report;
