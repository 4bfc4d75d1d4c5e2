package io.samsa.benchmarks.sidebyside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process, from Linux's {@code /proc/<pid>/status}: {@code VmRSS} (now) and
 * {@code VmHWM} (the peak since the process started, so the whole run is covered without sampling).
 *
 * <p>Immutable.
 *
 * @param rssBytes     resident set size when read
 * @param peakRssBytes high-water mark of the resident set size
 */
public record ProcessMemory(long rssBytes, long peakRssBytes) {

    /** @throws UncheckedIOException when the process is gone or /proc is not there (not Linux) */
    public static ProcessMemory of(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return parse(Files.readString(status));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status + " (Linux only)", e);
        }
    }

    /** Parses the text of a {@code /proc/<pid>/status} file. */
    static ProcessMemory parse(String status) {
        return new ProcessMemory(kibField(status, "VmRSS:") * 1024, kibField(status, "VmHWM:") * 1024);
    }

    private static long kibField(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                // "VmRSS:	  123456 kB"
                String number = line.substring(name.length()).trim().split("\\s+")[0];
                return Long.parseLong(number);
            }
        }
        throw new IllegalArgumentException("no " + name + " line in /proc status");
    }
}
