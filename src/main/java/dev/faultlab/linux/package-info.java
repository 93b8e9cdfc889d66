/**
 * Linux system calls the JDK lacks (setns through libc), so a thread can enter a network namespace; imports nothing
 * but the base exception.
 */
package dev.faultlab.linux;
