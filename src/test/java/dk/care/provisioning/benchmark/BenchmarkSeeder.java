package dk.care.provisioning.benchmark;

import java.io.StringReader;
import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills the database with users before a run, to show how the worker copes as tables grow. Uses
 * COPY (about a million rows in seconds); a third of the users are employees with a password
 * credential, a third employees with a MitID identity and a third relatives with a (redeemed)
 * invitation, each with the login method that says so, and every user its idempotency record and
 * audit entry, like the database of a worker that created them. The columns the lifecycle reads
 * (version, updated_at, source) are written as the worker writes them at creation, so that the
 * benchmark's changes of seeded users take the same path as those of users it created.
 */
final class BenchmarkSeeder {

    private static final int CHUNK = 50_000;
    /** 300 bytes in COPY's bytea hex text, about the size of an encoded UserCreated event. */
    private static final String SEEDED_EVENT = "\\\\x" + "00".repeat(300);

    private BenchmarkSeeder() {
    }

    /**
     * What autovacuum would have done on a database that has been up a while: statistics, visibility
     * map, and the checkpoint that would otherwise write the seeded rows out in the middle of a run.
     */
    static void settle(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
    }

    /** The requestId that created seeded user {@code i}. */
    static String requestId(int i) {
        return "seed-" + i;
    }

    static void seed(DataSource dataSource, int users) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < users; from += CHUNK) {
                var appUsers = new StringBuilder();
                var credentials = new StringBuilder();
                var identities = new StringBuilder();
                var invitations = new StringBuilder();
                var processed = new StringBuilder();
                var audit = new StringBuilder();
                for (int i = from; i < Math.min(users, from + CHUNK); i++) {
                    UUID id = UUID.randomUUID();
                    appUsers.append(id).append('\t').append(requestId(i)).append(switch (i % 3) {
                                case 0 -> "\tdemo-care\tdemo-care.home-care\tdemo-care.caregiver\tEMPLOYEE\tSTANDARD";
                                case 1 -> "\tdemo-care\tdemo-care.home-care\tdemo-care.caregiver\tEMPLOYEE\tMITID";
                                default -> "\tdemo-care\tdemo-care.home-care\tdemo-care.relative\tRELATIVE"
                                        + "\tPHONE_SELF_REGISTRATION";
                            }).append("\tACTIVE")
                            .append("\tSeeded ").append(i).append("\tseed").append(i).append("@example.org\t+4520000000")
                            .append("\tseed-hr-").append(i).append("\tda\t2026-01-01 00:00:00+00\t1")
                            .append("\t2026-01-01 00:00:00+00\tseed\n");
                    switch (i % 3) {
                        case 0 -> credentials.append(id).append("\tseed.").append(i)
                                .append("\t$argon2id$seeded\tf\t2026-01-01 00:00:00+00\n");
                        case 1 -> identities.append(id).append("\tdemo-care\tk:seeded\tseed-").append(i).append('\n');
                        // Redeemed long ago: neither the dispatcher nor the expiry job has work with them.
                        default -> invitations.append(UUID.randomUUID()).append('\t').append(id).append("\tseed-token-")
                                .append(i).append("\t+4520000000\tda\tREDEEMED\t1\t2026-01-04 00:00:00+00")
                                .append("\t2026-01-01 00:00:00+00\n");
                    }
                    processed.append(requestId(i)).append("\tseeded\tCREATED\t").append(id).append('\t')
                            .append(UUID.randomUUID()).append("\tuser-provisioning.user-created.v1\tseeded\t")
                            .append(SEEDED_EVENT).append("\t2026-01-01 00:00:00+00\n");
                    audit.append("2026-01-01 00:00:00+00\t").append(requestId(i))
                            .append("\tseed\tdemo-care\tCREATED\t").append(id).append('\n');
                }
                copy.copyIn("copy app_user (id, request_id, organisation_id, department_id, role_id, user_type, "
                        + "login_method, status, name, email, phone, external_id, locale, created_at, version, "
                        + "updated_at, source) from stdin",
                        new StringReader(appUsers.toString()));
                copy.copyIn("copy password_credential (user_id, username, password_hash, must_change_password, "
                        + "created_at) from stdin", new StringReader(credentials.toString()));
                copy.copyIn("copy mitid_identity (user_id, organisation_id, cpr_ciphertext, cpr_blind_index) from stdin",
                        new StringReader(identities.toString()));
                copy.copyIn("copy invitation (id, user_id, token_hash, phone, locale, status, attempts, expires_at, "
                        + "created_at) from stdin", new StringReader(invitations.toString()));
                copy.copyIn("copy processed_request (request_id, fingerprint, outcome, user_id, event_id, event_topic, "
                        + "event_type, event_payload, processed_at) from stdin", new StringReader(processed.toString()));
                copy.copyIn("copy audit_entry (occurred_at, request_id, source, organisation_id, outcome, user_id) "
                        + "from stdin", new StringReader(audit.toString()));
            }
        }
        System.out.printf("Seeded %,d users in %.1f s%n", users, Benchmark.seconds(System.nanoTime() - start));
    }
}
