package dk.care.provisioning.testing;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Organisations of a test's own, so that what it counts or compares is not mixed with other tests' users. */
public final class Organisations {

    private Organisations() {
    }

    /**
     * A new MitID organisation with one department ({@code <id>.dept}) and one role ({@code <id>.role})
     * allowing employees and relatives; returns its id.
     */
    public static String create(JdbcClient jdbc) {
        String id = "org-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into organisation (id, name, locale, mitid_enabled) values (?, 'Test Omsorg', 'da', true)")
                .param(id).update();
        jdbc.sql("insert into department (id, organisation_id, name) values (?, ?, 'Department')")
                .param(id + ".dept").param(id).update();
        jdbc.sql("insert into role (id, organisation_id, name) values (?, ?, 'Caregiver')")
                .param(id + ".role").param(id).update();
        jdbc.sql("insert into role_user_type (role_id, user_type) values (?, 'EMPLOYEE'), (?, 'RELATIVE')")
                .params(id + ".role", id + ".role").update();
        return id;
    }
}
