/**
 * Traffic in the lab: the bounded client and server programs that run in pods, and what they observed.
 */
package dev.faultlab.workload;
