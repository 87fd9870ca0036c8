package io.kongsync.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc tells about a process: its CPU time and its resident memory. */
final class Proc {

    /** USER_HZ: /proc counts CPU time in ticks of 1/100 s on every Linux this runs on. */
    private static final long MILLIS_PER_TICK = 10;

    private Proc() {
    }

    /** User + system CPU a live process has used so far, in ms. */
    static long cpuMillis(long pid) throws IOException {
        String[] fields = statFields(Files.readString(Path.of("/proc/" + pid + "/stat")));
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }

    /**
     * User + system CPU of the children a process has waited for (cutime + cstime), in ms, from a line of
     * {@code /proc/<pid>/stat}: a shell that ran a command reports the command's whole CPU, however it forked.
     */
    static long childrenCpuMillis(String statLine) {
        String[] fields = statFields(statLine);
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * MILLIS_PER_TICK;
    }

    /** The fields after the command name (which may hold spaces): index 0 is field 3, the state. */
    private static String[] statFields(String line) {
        return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** {@code VmRSS} (resident now) or {@code VmHWM} (peak resident) of a live process, in bytes; -1 when unknown. */
    static long memory(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) * 1024;
            }
        }
        return -1;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
