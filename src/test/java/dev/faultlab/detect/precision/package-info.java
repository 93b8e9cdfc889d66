/** Precision of the detectors over public captures that show no Kubernetes failure (../shared/captures). */
package dev.faultlab.detect.precision;
