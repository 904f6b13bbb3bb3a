package dk.care.provisioning.importer;

import java.io.Console;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows how an import advances: a bar redrawn in place on a terminal, plain lines every few seconds
 * otherwise (a log, a pipe, CI). Counts come from the {@link Ledger}; rates and ETA are averages
 * since the phase began.
 */
final class Progress implements AutoCloseable {

    /** How to show progress; AUTO draws the bar only on a terminal. */
    enum Style { AUTO, BAR, LINES, NONE }

    private static final int BAR_WIDTH = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String UP_AND_CLEAR = "\033[1A\r\033[2K";
    private static final String CLEAR_REST = "\033[K";

    private final PrintStream out;
    private final Style style;
    private final Ledger ledger;
    private final long fileSize;
    private final ScheduledExecutorService ticker;
    private volatile String phase = "checking";
    private volatile long phaseStart = System.nanoTime();
    private boolean drawn;

    Progress(PrintStream out, Style requested, Ledger ledger, long fileSize) {
        this.out = out;
        this.style = requested == Style.AUTO ? (onTerminal() ? Style.BAR : Style.LINES) : requested;
        this.ledger = ledger;
        this.fileSize = fileSize;
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("importer-progress")
                .daemon().factory());
        if (style != Style.NONE) {
            long period = style == Style.BAR ? 200 : 5_000;
            ticker.scheduleAtFixedRate(this::render, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether standard output is a terminal. Before JDK 22 {@code System.console()} is null when it is
     * not; since JDK 22 it never is, and {@code Console.isTerminal()} (not in the Java 21 API this is
     * compiled against) tells.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException olderJdk) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Starts a phase ("reading users" in a sync, "checking", "connecting", "publishing", "waiting"); outcomes per second count from publishing. */
    synchronized void phase(String name) {
        render();
        phase = name;
        if (name.equals("publishing")) {
            phaseStart = System.nanoTime();
        }
    }

    private synchronized void render() {
        double seconds = Math.max(0.001, (System.nanoTime() - phaseStart) / 1e9);
        boolean checking = phase.equals("checking");
        long done = checking ? ledger.bytesRead.get() : ledger.answered.get();
        long total = checking ? fileSize : ledger.requests();
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        long perSecond = Math.round((checking ? ledger.rowCount() : done) / seconds);
        String eta = done == 0 || fraction >= 1 ? "-:--" : duration(Math.round(seconds * (1 - fraction) / fraction));
        String counts = String.format("read %,d  published %,d  acked %,d  outcomes %,d  failed %,d",
                ledger.rowCount(), ledger.published.get(), ledger.acknowledged.get(), ledger.answered.get(),
                ledger.failed.get());
        String rate = String.format("%,d %s/s", perSecond, checking ? "rows" : "outcomes");
        if (style == Style.BAR) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            String bar = "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
            out.print((drawn ? UP_AND_CLEAR : "") + String.format("%-10s %s %3d%%  %s  ETA %s", phase, bar,
                    Math.round(fraction * 100), rate, eta) + CLEAR_REST + "\n" + counts + CLEAR_REST);
            drawn = true;
        } else if (style == Style.LINES) {
            out.println(LocalTime.now().format(TIME) + " " + phase + " "
                    + Math.round(fraction * 100) + "%: " + counts + ", " + rate + ", ETA " + eta);
        }
        out.flush();
    }

    private static String duration(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** Stops the display after a last update. */
    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        if (style != Style.NONE) {
            render();
            if (style == Style.BAR) {
                out.println();
            }
        }
    }
}
