package dk.care.provisioning.query;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.WorkerIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages through the 10,000 users of one organisation over HTTP, as an admin UI would, and prints how
 * long each page took (figures, not an assertion: this machine is shared). It asserts that every user
 * is seen exactly once, so that the figures are of a correct walk. A measurement: {@code -Pbenchmark}
 * (paging itself is tested by {@code QueryApiIntegrationTest}).
 */
@Tag("benchmark")
class UserPagingMeasurementTest extends WorkerIntegrationTest {

    private static final int USERS = 10_000;
    private static final String ORGANISATION = "paging-care";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @BeforeEach
    void tenThousandUsers() {
        if (jdbc.sql("select count(*) from organisation where id = :id").param("id", ORGANISATION).query(Long.class)
                .single() > 0) {
            return;
        }
        jdbc.sql("""
                insert into organisation (id, name, locale, mitid_enabled) values ('paging-care', 'Paging Care', 'da', true);
                insert into department (id, organisation_id, name) values
                    ('paging-care.north', 'paging-care', 'North'), ('paging-care.south', 'paging-care', 'South');
                insert into role (id, organisation_id, name) values ('paging-care.caregiver', 'paging-care', 'Caregiver');
                insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type, login_method,
                                      status, name, email, phone, locale, created_at)
                select gen_random_uuid(), 'paging-' || n, 'paging-care',
                       case when n % 2 = 0 then 'paging-care.north' else 'paging-care.south' end,
                       'paging-care.caregiver', 'EMPLOYEE',
                       case when n % 3 = 0 then 'PHONE_SELF_REGISTRATION' else 'MITID' end,
                       case when n % 3 = 0 then 'PENDING_SELF_REGISTRATION' else 'ACTIVE' end,
                       'Person ' || n, 'person' || n || '@example.org', '+4520' || lpad(n::text, 6, '0'), 'da',
                       now() - n * interval '1 minute'
                from generate_series(1, 10000) n;
                insert into invitation (id, user_id, token_hash, phone, locale, status, attempts, expires_at, created_at)
                select gen_random_uuid(), u.id, md5(u.id::text), u.phone, 'da', 'SENT', 1, now() + interval '3 days', u.created_at
                from app_user u where u.organisation_id = 'paging-care' and u.login_method = 'PHONE_SELF_REGISTRATION';
                analyze app_user; analyze invitation;""").update();
    }

    @Test
    void pagesThroughTenThousandUsersOfOneOrganisation() {
        AdminApi api = new AdminApi(port);
        walk(api, "", 50); // warm-up: plans, connection pool, JIT
        for (String filter : List.of("", "&department=paging-care.north", "&status=ACTIVE&q=person1")) {
            for (int limit : List.of(50, 200)) {
                Walk walk = walk(api, filter, limit);
                System.out.printf("users paging: filter '%s', limit %d: %d users in %d pages; per page "
                                + "median %.1f ms, p95 %.1f ms, max %.1f ms (HTTP round trip)%n", filter, limit,
                        walk.users(), walk.millis().size(), percentile(walk.millis(), 50), percentile(walk.millis(), 95),
                        percentile(walk.millis(), 100));
                if (filter.isEmpty()) {
                    assertThat(walk.users()).isEqualTo(USERS);
                }
            }
        }
    }

    private static Walk walk(AdminApi api, String filter, int limit) {
        List<Double> millis = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String after = "";
        while (after != null) {
            long start = System.nanoTime();
            HttpResponse<String> response = api.get("/api/admin/organisations/" + ORGANISATION + "/users?limit=" + limit
                    + filter + after, AdminApi.LOCAL_TOKEN);
            millis.add((System.nanoTime() - start) / 1e6);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            page.path("users").forEach(user -> assertThat(seen.add(user.path("userId").asString())).isTrue());
            after = page.has("next") ? "&after=" + page.path("next").asString() : null;
        }
        return new Walk(seen.size(), millis);
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private record Walk(int users, List<Double> millis) {
    }
}
