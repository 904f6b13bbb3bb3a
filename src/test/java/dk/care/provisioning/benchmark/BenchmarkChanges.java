package dk.care.provisioning.benchmark;

import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.v1.ChangeUserRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Valid changes of existing users in a given mix of change kinds, one change per user so that none
 * depends on another's outcome: a move to the other department of {@code demo-care} with the role
 * that fits the user type, new contact details, or a deactivation. Every one is accepted, so a
 * rejected change in the report is a fault.
 */
final class BenchmarkChanges {

    private final String run;
    private final Map<String, Integer> mix;
    private final Random random = new Random(42);

    BenchmarkChanges(String run, Map<String, Integer> mix) {
        this.run = run;
        this.mix = mix;
    }

    /** A user to change, as the database holds it now. */
    record Target(UUID userId, String userType, String departmentId) {
    }

    /** The users these requests created, in the order given; a user not found is left out. */
    static List<Target> targets(DataSource dataSource, List<String> requestIds) {
        return new JdbcTemplate(dataSource).query("""
                        select u.id, u.user_type, u.department_id
                        from unnest(?) with ordinality r (request_id, position)
                        join app_user u on u.request_id = r.request_id
                        order by r.position""",
                (rs, n) -> new Target(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                (Object) requestIds.toArray(String[]::new));
    }

    List<ChangeUserRequest> of(List<Target> targets) {
        List<ChangeUserRequest> changes = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            Object change = switch (BenchmarkRequests.pick(mix, random)) {
                case "move" -> Changes.move(target.departmentId().equals("demo-care.home-care")
                                ? "demo-care.nursing-home" : "demo-care.home-care",
                        target.userType().equals("RELATIVE") ? "demo-care.relative" : "demo-care.caregiver");
                case "contact" -> Changes.contact().setName("Changed " + i).setEmail("changed" + i + "@example.org")
                        .build();
                default -> Changes.deactivate();
            };
            changes.add(Changes.of(target.userId(), change).setRequestId(run + "-" + i).setSource("benchmark")
                    .build());
        }
        return changes;
    }
}
