/**
 * A user's network tests written against the installed faultlab artifact: a built-in scenario, the project's own
 * scenario files, and a scenario built in code.
 */
package com.example.checkout;
