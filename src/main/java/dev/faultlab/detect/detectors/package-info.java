/**
 * One detector per root cause, each a ServiceLoader service (META-INF/services/dev.faultlab.detect.Detector).
 */
package dev.faultlab.detect.detectors;
