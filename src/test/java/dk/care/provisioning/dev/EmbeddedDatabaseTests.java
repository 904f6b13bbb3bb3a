package dk.care.provisioning.dev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTests {

    @Test
    void runsQueriesThroughDataSourceAndJdbcUrl() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start()) {
            try (Connection connection = db.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select current_setting('server_version_num')::int")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(170000);
            }
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select 1 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            assertThat(db.jdbcUrl()).contains(":" + db.port() + "/");
        }
    }
}
