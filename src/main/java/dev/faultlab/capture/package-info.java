/**
 * Capture seam shared by every backend: what to capture (CaptureRequest), a running capture (LiveCapture), and the
 * pcapng writer.
 */
package dev.faultlab.capture;
