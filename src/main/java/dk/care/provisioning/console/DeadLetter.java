package dk.care.provisioning.console;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record of the dead-letter topic as the operations page shows it: where it is, its key, how big
 * its value is (the bytes themselves are not shown: they may hold secrets), its headers (cause,
 * original topic, partition and offset), and whether and by whom it was replayed.
 */
record DeadLetter(int partition, long offset, Instant timestamp, @Nullable String key, int valueSize,
                  List<Header> headers, @Nullable Replay replay) {

    /** A header as text: the dead-letter numbers decoded, other values as UTF-8, bounded. */
    record Header(String name, String value) {
    }

    /** When and by whom this dead letter was replayed. */
    record Replay(Instant at, String by) {
    }
}
