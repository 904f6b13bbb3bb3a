package dk.care.provisioning.benchmark;

import java.io.StringReader;
import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills the database with users before a run, to show how the worker copes as tables grow. Uses
 * COPY (about a million rows in seconds); a third of the users get a password credential and a
 * third a MitID identity, like a real organisation's mix.
 */
final class BenchmarkSeeder {

    private static final int CHUNK = 50_000;

    private BenchmarkSeeder() {
    }

    static void seed(DataSource dataSource, int users) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < users; from += CHUNK) {
                var appUsers = new StringBuilder();
                var credentials = new StringBuilder();
                var identities = new StringBuilder();
                for (int i = from; i < Math.min(users, from + CHUNK); i++) {
                    UUID id = UUID.randomUUID();
                    appUsers.append(id).append("\tseed-").append(i)
                            .append("\tdemo-care\tdemo-care.home-care\tdemo-care.caregiver\tEMPLOYEE\tSTANDARD\tACTIVE")
                            .append("\tSeeded ").append(i).append("\tseed").append(i).append("@example.org\t+4520000000")
                            .append("\tseed-hr-").append(i).append("\tda\t2026-01-01 00:00:00+00\n");
                    switch (i % 3) {
                        case 0 -> credentials.append(id).append("\tseed.").append(i)
                                .append("\t$argon2id$seeded\tf\t2026-01-01 00:00:00+00\n");
                        case 1 -> identities.append(id).append("\tdemo-care\tk:seeded\tseed-").append(i).append('\n');
                        default -> {
                        }
                    }
                }
                copy.copyIn("copy app_user (id, request_id, organisation_id, department_id, role_id, user_type, "
                        + "login_method, status, name, email, phone, external_id, locale, created_at) from stdin",
                        new StringReader(appUsers.toString()));
                copy.copyIn("copy password_credential (user_id, username, password_hash, must_change_password, "
                        + "created_at) from stdin", new StringReader(credentials.toString()));
                copy.copyIn("copy mitid_identity (user_id, organisation_id, cpr_ciphertext, cpr_blind_index) from stdin",
                        new StringReader(identities.toString()));
            }
            // Let PostgreSQL settle before measuring: statistics, visibility map, and the checkpoint
            // that would otherwise write the million rows out in the middle of the run.
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("vacuum analyze");
                statement.execute("checkpoint");
            }
        }
        System.out.printf("Seeded %,d users in %.1f s%n", users, Benchmark.seconds(System.nanoTime() - start));
    }
}
