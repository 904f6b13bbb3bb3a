package dk.care.provisioning.security;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewrites every stored CPR ciphertext that is not under the active key with the active key, one
 * transaction per batch, so that a retired key can then be removed from the configuration. The
 * blind index is left alone: it depends on its own key, not on the encryption key. Safe to run
 * while workers run (new rows already use the active key) and to run again after an interruption.
 */
public final class CprReEncryption {

    private static final Logger log = LoggerFactory.getLogger(CprReEncryption.class);
    // PostgreSQL orders uuids as unsigned bytes, so the nil uuid sorts first.
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    /** What a run did; rows it could not decrypt (a key no longer configured, or altered) are left unchanged. */
    public record Result(int reEncrypted, int unreadable) {
    }

    private record Row(UUID userId, String ciphertext) {
    }

    private record Batch(int reEncrypted, int unreadable, @Nullable UUID lastUserId) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CprProtector cprs;
    private final int batchSize;

    public CprReEncryption(JdbcClient jdbc, TransactionTemplate transactions, CprProtector cprs, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.cprs = Objects.requireNonNull(cprs, "cprs");
        this.batchSize = batchSize;
    }

    public Result run() {
        int reEncrypted = 0;
        int unreadable = 0;
        UUID after = BEFORE_ALL;
        while (true) {
            UUID cursor = after;
            Batch batch = Objects.requireNonNull(transactions.execute(status -> reEncryptBatchAfter(cursor)));
            if (batch.lastUserId() == null) {
                break;
            }
            reEncrypted += batch.reEncrypted();
            unreadable += batch.unreadable();
            after = batch.lastUserId();
            log.info("CPR re-encryption to key {}: {} row(s) done, {} unreadable so far", cprs.activeKeyId(),
                    reEncrypted, unreadable);
        }
        log.info("CPR re-encryption to key {} finished: {} row(s) re-encrypted, {} unreadable", cprs.activeKeyId(),
                reEncrypted, unreadable);
        return new Result(reEncrypted, unreadable);
    }

    // Keyset pagination by user_id, so rows that cannot be decrypted are passed over, not selected forever.
    private Batch reEncryptBatchAfter(UUID after) {
        List<Row> rows = jdbc.sql("select user_id, cpr_ciphertext from mitid_identity"
                        + " where user_id > :after and not starts_with(cpr_ciphertext, :activePrefix)"
                        + " order by user_id limit :limit for update")
                .param("after", after).param("activePrefix", cprs.activeKeyId() + ":").param("limit", batchSize)
                .query((rs, rowNum) -> new Row(rs.getObject("user_id", UUID.class), rs.getString("cpr_ciphertext")))
                .list();
        int done = 0;
        int unreadable = 0;
        for (Row row : rows) {
            String rewritten;
            try {
                rewritten = cprs.encrypt(cprs.decrypt(row.ciphertext()));
            } catch (CprDecryptionException e) {
                // The key id is not secret; the ciphertext stays out of the log all the same.
                log.warn("CPR of user {} cannot be decrypted ({}); left under key {}", row.userId(), e.getMessage(),
                        keyIdOrUnknown(row.ciphertext()));
                unreadable++;
                continue;
            }
            jdbc.sql("update mitid_identity set cpr_ciphertext = :rewritten where user_id = :userId")
                    .param("rewritten", rewritten).param("userId", row.userId()).update();
            done++;
        }
        return new Batch(done, unreadable, rows.isEmpty() ? null : rows.getLast().userId());
    }

    private String keyIdOrUnknown(String ciphertext) {
        try {
            return cprs.keyIdOf(ciphertext);
        } catch (CprDecryptionException e) {
            return "(none)";
        }
    }
}
