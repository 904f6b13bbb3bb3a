package dk.care.provisioning.feed;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.UserSnapshot;
import dk.care.provisioning.user.UserStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Users as the feed publishes them, read from their rows: the account and, for a password login, its
 * username; never the hash, the CPR columns or an invitation. Rows are locked for share, so that a
 * change of a user being read waits for the reading transaction, and the feed never publishes an
 * older state after a newer one.
 */
@Component
class UserRows {

    private static final String SELECT = """
            select u.id, u.version, u.organisation_id, u.department_id, u.role_id, u.user_type, u.login_method,
                   u.status, u.name, u.email, u.phone, c.username, u.external_id, u.locale, u.source, u.updated_at
            from app_user u left join password_credential c on c.user_id = u.id
            """;

    private final JdbcClient jdbc;

    UserRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** These users, in id order; an id without a user is left out. */
    List<UserSnapshot> find(Collection<UUID> userIds) {
        return jdbc.sql(SELECT + "where u.id = any(:ids) order by u.id for share of u")
                .param("ids", new SqlArrayValue("uuid", userIds.toArray()))
                .query(UserRows::snapshot)
                .list();
    }

    /**
     * At most {@code limit} users after {@code after} (from the first if null), in id order, leaving
     * out the erased: their tombstone is all there is to publish of them, and a reader that never saw
     * them has no need of it.
     */
    List<UserSnapshot> notErased(@Nullable UUID after, int limit) {
        return jdbc.sql(SELECT + """
                        where (cast(:after as uuid) is null or u.id > :after) and u.status <> 'ERASED'
                        order by u.id limit :limit for share of u""")
                .param("after", after)
                .param("limit", limit)
                .query(UserRows::snapshot)
                .list();
    }

    private static UserSnapshot snapshot(ResultSet rs, int row) throws SQLException {
        return new UserSnapshot(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getString("organisation_id"),
                rs.getString("department_id"), rs.getString("role_id"), UserType.valueOf(rs.getString("user_type")),
                LoginMethod.Kind.valueOf(rs.getString("login_method")), UserStatus.valueOf(rs.getString("status")),
                rs.getString("name"), rs.getString("email"), rs.getString("phone"), rs.getString("username"),
                rs.getString("external_id"), rs.getTimestamp("updated_at").toInstant(), rs.getString("locale"),
                rs.getString("source"));
    }
}
