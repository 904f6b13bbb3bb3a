package dk.care.provisioning.feed;

import dk.care.provisioning.polling.PollingLoop;
import dk.care.provisioning.user.UserSnapshot;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes every user that existed before the users topic, once across all instances: a page of
 * users per transaction, each under the lock of the one {@code user_feed_backfill} row, which also
 * records the last user published. An instance that finds the row locked waits for the other to
 * finish or fail; a crash rolls back its page only, and whoever comes next goes on after the last
 * page committed. Memory stays bounded by one page.
 */
@Component
class UserFeedBackfill implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UserFeedBackfill.class);
    static final int PAGE_SIZE = 500;
    // Only how soon an instance notices that the one working on the backfill stopped without finishing.
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UserRows rows;
    private final UserFeed feed;
    private final Clock clock;
    private final PollingLoop loop;
    private volatile boolean done;

    UserFeedBackfill(JdbcClient jdbc, TransactionTemplate transactions, UserRows rows, UserFeed feed, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rows = rows;
        this.feed = feed;
        this.clock = clock;
        this.loop = new PollingLoop("user-feed-backfill", "Users topic backfill", log, RETRY_INTERVAL,
                Duration.ofMinutes(1), this::round);
    }

    private PollingLoop.Next round() {
        if (done) {
            // Nothing is left to do for the life of this process; the thread idles until shutdown.
            return PollingLoop.Next.REST;
        }
        return switch (backfillPage()) {
            case MORE -> PollingLoop.Next.AGAIN;
            case BUSY -> PollingLoop.Next.REST;
            case DONE -> {
                done = true;
                yield PollingLoop.Next.REST;
            }
        };
    }

    /** Publishes the next page of users if this instance may; what the backfill has left to do after it. */
    Progress backfillPage() {
        Progress progress = transactions.execute(status -> {
            record Claim(@Nullable UUID after, long published, boolean completed) {
            }
            Optional<Claim> claim = jdbc.sql("""
                            select after_user_id, published, completed_at is not null from user_feed_backfill
                            where id = 1 for update skip locked""")
                    .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3)))
                    .optional();
            if (claim.isEmpty()) {
                return Progress.BUSY;
            }
            if (claim.get().completed()) {
                return Progress.DONE;
            }
            List<UserSnapshot> page = rows.notErased(claim.get().after(), PAGE_SIZE);
            feed.publish(page);
            boolean last = page.size() < PAGE_SIZE;
            long published = claim.get().published() + page.size();
            jdbc.sql("""
                            update user_feed_backfill set after_user_id = :after, published = :published,
                                completed_at = :completed where id = 1""")
                    .param("after", page.isEmpty() ? claim.get().after() : page.getLast().userId())
                    .param("published", published)
                    .param("completed", last ? Timestamp.from(Instant.now(clock)) : null)
                    .update();
            if (last) {
                log.info("Users topic backfilled: {} users published", published);
            }
            return last ? Progress.DONE : Progress.MORE;
        });
        return progress == null ? Progress.BUSY : progress;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** What is left after a page: more pages, nothing, or unknown while another instance holds the backfill. */
    enum Progress {
        MORE, DONE, BUSY
    }
}
