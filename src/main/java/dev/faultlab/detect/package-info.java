/**
 * Diagnosis: the Detector plug-in interface, findings with their evidence tier and look-alikes, and the report a
 * diagnosis produces.
 */
package dev.faultlab.detect;
