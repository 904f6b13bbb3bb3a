package dk.care.provisioning.dev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

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

    @Test
    void keepsItsDataAcrossStopAndRestartOnTheSamePort() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start()) {
            int port = db.port();
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("create table survivor (id int); insert into survivor values (42)");
            }

            db.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()).close())
                    .isInstanceOf(SQLException.class);

            db.restart();
            assertThat(db.port()).isEqualTo(port);
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select id from survivor")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }
}
