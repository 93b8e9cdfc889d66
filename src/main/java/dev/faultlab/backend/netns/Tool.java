package dev.faultlab.backend.netns;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A command the lab runs and the Debian package that provides it, so a missing one is reported with its fix.
 *
 * @param command       program name looked up on PATH (plus /usr/sbin and /sbin, which sudo's PATH may lack)
 * @param debianPackage package to install
 */
record Tool(String command, String debianPackage) {
    public boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** One line naming the missing command and the fix. */
    public String missingMessage() {
        return command + " not found: install it with 'apt-get install " + debianPackage + "'";
    }
}
