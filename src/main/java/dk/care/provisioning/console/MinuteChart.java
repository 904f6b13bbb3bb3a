package dk.care.provisioning.console;

import dk.care.provisioning.query.OperationsFigures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests per minute as bars of an inline SVG drawn on the server: one bar per minute of the window,
 * created below failed, scaled to the busiest minute. The page needs no script and no chart library.
 */
record MinuteChart(int width, int height, long peak, long created, long failed, List<Bar> bars) {

    static final int HEIGHT = 120;
    private static final int BAR_WIDTH = 4;

    /** One minute: x and the heights of its created and failed parts. */
    record Bar(int x, int createdHeight, int failedHeight, Instant minute, long created, long failed) {

        public int createdY() {
            return HEIGHT - createdHeight;
        }

        public int failedY() {
            return HEIGHT - createdHeight - failedHeight;
        }
    }

    static MinuteChart of(List<OperationsFigures.Minute> minutes, Instant since, Instant now) {
        Map<Instant, OperationsFigures.Minute> byMinute = new HashMap<>();
        minutes.forEach(minute -> byMinute.put(minute.start(), minute));
        long peak = Math.max(1, minutes.stream().mapToLong(m -> m.created() + m.failed()).max().orElse(0));
        Instant first = since.truncatedTo(ChronoUnit.MINUTES);
        int count = (int) Duration.between(first, now.truncatedTo(ChronoUnit.MINUTES)).toMinutes() + 1;
        List<Bar> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant minute = first.plus(Duration.ofMinutes(i));
            OperationsFigures.Minute figures = byMinute.getOrDefault(minute, new OperationsFigures.Minute(minute, 0, 0));
            bars.add(new Bar(i * BAR_WIDTH, scaled(figures.created(), peak), scaled(figures.failed(), peak), minute,
                    figures.created(), figures.failed()));
        }
        return new MinuteChart(count * BAR_WIDTH, HEIGHT, peak,
                minutes.stream().mapToLong(OperationsFigures.Minute::created).sum(),
                minutes.stream().mapToLong(OperationsFigures.Minute::failed).sum(), bars);
    }

    private static int scaled(long value, long peak) {
        return value == 0 ? 0 : (int) Math.max(1, Math.round((double) value * (HEIGHT - 10) / peak));
    }
}
