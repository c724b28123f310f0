package io.iamledger.infra.load;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the machine's CPU went between two snapshots: this JVM, the server's PostgreSQL (the postmaster named by
 * its {@code postmaster.pid} and every process below it), and everything else (on a shared machine: other people's
 * builds). Reads Linux's {@code /proc}; elsewhere the machine and PostgreSQL figures are absent. Clock ticks are
 * assumed to be 100 per second, as on every common Linux build. Thread-safe.
 */
final class CpuMeter {
    static final double TICKS_PER_SECOND = 100.0;

    record Snapshot(long wallNanos, long machineBusyTicks, long jvmCpuNanos, long postgresTicks, long gcMillis,
                    String loadAverage) {}

    private final Path postmasterPidFile;

    /** @param postgresDataDirectory the cluster directory holding {@code postmaster.pid} */
    CpuMeter(Path postgresDataDirectory) {
        this.postmasterPidFile = postgresDataDirectory.resolve("postmaster.pid");
    }

    Snapshot take() {
        long busy = -1;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
                    + Long.parseLong(cpu[7]) + (cpu.length > 8 ? Long.parseLong(cpu[8]) : 0);
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the machine figure out
        }
        long gc = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, bean.getCollectionTime());
        }
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new Snapshot(System.nanoTime(), busy, jvm, postgresTicks(), gc, loadAverage());
    }

    /** The 1-, 5- and 15-minute load averages, e.g. {@code 3.12 3.40 3.05}. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Cores this JVM and the server's PostgreSQL kept busy, on average, between two snapshots. */
    static double[] jvmAndPostgresCores(Snapshot from, Snapshot to) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        return new double[] {(to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds,
                (to.postgresTicks() - from.postgresTicks()) / TICKS_PER_SECOND / seconds};
    }

    /** One paragraph: cores busy, split by process, GC time, and the load average at the end. */
    static String describe(Snapshot from, Snapshot to) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        StringBuilder text = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();
        if (from.machineBusyTicks() >= 0 && to.machineBusyTicks() >= 0) {
            double machine = (to.machineBusyTicks() - from.machineBusyTicks()) / TICKS_PER_SECOND / seconds;
            double jvm = (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds;
            double postgres = (to.postgresTicks() - from.postgresTicks()) / TICKS_PER_SECOND / seconds;
            text.append(String.format(Locale.ROOT,
                    "CPU busy %.2f of %d cores: this JVM (server + clients) %.2f, PostgreSQL %.2f, other processes %.2f",
                    machine, cores, jvm, postgres, Math.max(0, machine - jvm - postgres)));
        } else {
            text.append(String.format(Locale.ROOT, "this JVM used %.2f cores",
                    (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / seconds));
        }
        text.append(String.format(Locale.ROOT, "; GC pauses %.2f s; load average %s at start, %s at end",
                (to.gcMillis() - from.gcMillis()) / 1000.0, from.loadAverage(), to.loadAverage()));
        return text.toString();
    }

    /** CPU ticks (user + system) of the postmaster and its living children; 0 when it cannot be found. */
    private long postgresTicks() {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
            // the postmaster's own time includes its exited children's (it reaps them), the living ones add theirs
            return ProcessHandle.of(pid).map(postmaster -> treeTicks(postmaster, true)).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU ticks (user + system) of a process and its living descendants; 0 for what has exited. */
    static long processTreeTicks(ProcessHandle process) {
        return treeTicks(process, false);
    }

    private static long treeTicks(ProcessHandle root, boolean withReapedChildren) {
        return ticks(root.pid(), withReapedChildren).orElse(0L)
                + root.descendants().mapToLong(child -> ticks(child.pid(), false).orElse(0L)).sum();
    }

    private static Optional<Long> ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name (which may hold spaces) start at field 3 (state): utime is field 14,
            // stime 15, cutime 16, cstime 17
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(withReapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
