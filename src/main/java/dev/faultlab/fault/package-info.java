/**
 * Faults: one class per field incident that breaks a running lab, each a ServiceLoader service (META-
 * INF/services/dev.faultlab.fault.Fault) with typed parameters.
 */
package dev.faultlab.fault;
