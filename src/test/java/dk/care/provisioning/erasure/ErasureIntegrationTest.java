package dk.care.provisioning.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.Leavers;
import dk.care.provisioning.testing.Organisations;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.SelfRegistrations;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure through the real broker and database: people of every login method created by requests
 * (the self-registering one invited by SMS and registered), then deactivated and erased by change
 * requests one after another, each time
 * searching every text and binary column of every table for every piece of personal data of each of
 * them: none of the erased person's found, all of the others' still there; no log line of the
 * deactivation and erasure names the person either.
 */
class ErasureIntegrationTest extends WorkerIntegrationTest {

    private static final Random RANDOM = new Random();

    @LocalServerPort
    private int port;

    @Autowired
    private Erasure erasure;

    @Autowired
    private TransactionTemplate transactions;

    /**
     * One person's data, each piece a value to search for: as stored until the erasure, and what was
     * sent but is never stored in plaintext (the CPR number).
     */
    private record Person(UUID userId, CreateUserRequest request, Map<String, String> stored,
                          Map<String, String> neverStored) {

        Map<String, String> data() {
            var all = new LinkedHashMap<>(stored);
            all.putAll(neverStored);
            return all;
        }
    }

    @Test
    void erasesEveryCopyOfAPersonsDataAndNothingOfTheOthers() {
        String organisation = Organisations.create(jdbc);
        List<Person> people = List.of(
                selfRegistered(organisation),
                create(organisation, request -> request.setLogin(StandardLogin.newBuilder()
                        .setUsername("erase." + letters(8)).setPassword(encrypted("a private long passphrase")).build()),
                        Map.of()),
                mitId(organisation));
        people.forEach(person -> assertThat(whereFound(person).keySet()).as("stored before erasure")
                .containsExactlyInAnyOrderElementsOf(person.stored().keySet()));
        long auditEntries = jdbc.sql("select count(*) from audit_entry").query(Long.class).single();

        for (int erased = 0; erased < people.size(); erased++) {
            Person person = people.get(erased);
            try (CapturedLogs logs = CapturedLogs.start()) {
                Leavers.deactivate(kafka, topics, jdbc, person.userId(), organisation);
                Leavers.erase(kafka, topics, jdbc, person.userId(), organisation);
                assertThat(logs.events()).as("log lines of the leaver's deactivation and erasure")
                        .noneMatch(line -> person.data().values().stream().anyMatch(line::contains));
            }

            for (int i = 0; i < people.size(); i++) {
                Map<String, List<String>> found = whereFound(people.get(i));
                if (i <= erased) {
                    assertThat(found).as("data of erased person %d", i).isEmpty();
                } else {
                    assertThat(found.keySet()).as("data of person %d, not erased", i)
                            .containsExactlyInAnyOrderElementsOf(people.get(i).stored().keySet());
                }
            }
            assertThat(jdbc.sql("""
                            select status, organisation_id, department_id, role_id, request_id from app_user where id = ?""")
                    .param(person.userId()).query().singleRow()).containsValues("ERASED", organisation,
                    organisation + ".dept", organisation + ".role", person.request().getRequestId());
            String key = person.userId().toString();
            await("the tombstone").atMost(Duration.ofSeconds(30)).until(() -> usersTopic().values(key),
                    states -> !states.isEmpty() && states.getLast() == null);
        }
        assertThat(jdbc.sql("select count(*) from audit_entry").query(Long.class).single())
                .as("the audit trail stays").isGreaterThanOrEqualTo(auditEntries);

        // The creation request again, after erasure: its stored outcome, without the data, and no new user.
        Person first = people.getFirst();
        send(first.request());
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes().values(first.request().getRequestId()).size() == 2);
        UserCreated again = (UserCreated) outcomes().values(first.request().getRequestId()).getLast();
        UserCreated original = (UserCreated) outcomes().values(first.request().getRequestId()).getFirst();
        assertThat(again.getEventId()).isEqualTo(original.getEventId());
        assertThat(again.getUserId()).isEqualTo(first.userId());
        assertThat(new Object[] {again.getName(), again.getEmail(), again.getPhone(), again.getUsername(),
                again.getExternalId()}).containsOnlyNulls();
        assertThat(jdbc.sql("select count(*) from app_user where request_id = ?")
                .param(first.request().getRequestId()).query(Long.class).single()).isOne();
    }

    @Test
    void erasesOnlyADeactivatedUser() {
        UUID active = mitId(Organisations.create(jdbc)).userId();

        assertThat(catchThrowable(() -> transactions.executeWithoutResult(status -> erasure.erase(active))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("select status from app_user where id = ?").param(active).query(String.class).single())
                .isEqualTo("ACTIVE");
    }

    /** A phone self-registration, invited by SMS and registered with a username and password. */
    private Person selfRegistered(String organisation) {
        CreateUserRequest request = person(organisation).setUserType(UserType.RELATIVE)
                .setLogin(PhoneSelfRegistration.newBuilder().build()).build();
        String token = SelfRegistrations.invite(this::send, request);
        UUID userId = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class).getUserId();
        String tokenHash = jdbc.sql("select token_hash from invitation where user_id = ?").param(userId)
                .query(String.class).single();
        SelfRegistrations.redeem(port, token, "erase.reg." + letters(8), "a private long passphrase");
        return stored(userId, request, Map.of("invitation token hash", tokenHash), Map.of());
    }

    /** A MitID user, whose CPR number (in both its forms) is among the data searched for. */
    private Person mitId(String organisation) {
        String cpr = Requests.uniqueCpr();
        return create(organisation, request -> request.setLogin(MitIdLogin.newBuilder().setCpr(encrypted(cpr)).build()),
                Map.of("cpr", cpr, "cpr with dash", cpr.substring(0, 6) + "-" + cpr.substring(6)));
    }

    private Person create(String organisation, UnaryOperator<CreateUserRequest.Builder> login,
                          Map<String, String> neverStored) {
        CreateUserRequest request = login.apply(person(organisation)).build();
        send(request);
        UUID userId = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class).getUserId();
        return stored(userId, request, Map.of(), neverStored);
    }

    /** Unique personal data, so that a value found is this person's and no other test's. */
    private static CreateUserRequest.Builder person(String organisation) {
        String name = "Erasmus " + letters(10) + " Testesen";
        return Requests.standard("unused").setOrganisationId(organisation).setDepartmentId(organisation + ".dept")
                .setRoleId(organisation + ".role").setName(name).setEmail("erase." + letters(10) + "@example.org")
                .setPhone(Requests.uniquePhone()).setExternalId("HR-" + UUID.randomUUID());
    }

    /** The person's data as the database holds it: contact details, username, hash, CPR columns, and more. */
    private Person stored(UUID userId, CreateUserRequest request, Map<String, String> more,
                          Map<String, String> neverStored) {
        Map<String, String> data = new LinkedHashMap<>(more);
        Map<String, Object> user = jdbc.sql("""
                        select u.name, u.email, u.phone, u.external_id, c.username, c.password_hash,
                               m.cpr_ciphertext, m.cpr_blind_index
                        from app_user u left join password_credential c on c.user_id = u.id
                        left join mitid_identity m on m.user_id = u.id where u.id = ?""")
                .param(userId).query().singleRow();
        user.forEach((column, value) -> {
            if (value != null) {
                data.put(column, (String) value);
            }
        });
        // The national number too, in case some copy dropped the country code.
        data.put("phone without country code", request.getPhone().substring(3));
        return new Person(userId, request, data, neverStored);
    }

    /** Each piece of the person's data found, with the table.column where it was found. */
    private Map<String, List<String>> whereFound(Person person) {
        List<Map<String, Object>> columns = jdbc.sql("""
                        select table_name, column_name, data_type from information_schema.columns
                        where table_schema = current_schema() and data_type in ('text', 'character varying', 'bytea')
                        order by table_name, column_name""")
                .query().listOfRows();
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Map<String, Object> column : columns) {
            String place = column.get("table_name") + "." + column.get("column_name");
            String needle = "bytea".equals(column.get("data_type")) ? "convert_to(v, 'UTF8')" : "v";
            List<String> values = new ArrayList<>(person.data().values());
            List<String> hits = jdbc.sql("""
                            select v from unnest(?) v
                            where exists (select 1 from "%s" where position(%s in "%s") > 0)"""
                            .formatted(column.get("table_name"), needle, column.get("column_name")))
                    .param(new SqlArrayValue("text", values.toArray()))
                    .query(String.class).list();
            person.data().forEach((what, value) -> {
                if (hits.contains(value)) {
                    found.computeIfAbsent(what, ignored -> new ArrayList<>()).add(place);
                }
            });
        }
        return found;
    }

    private static String letters(int n) {
        var text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            text.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return text.toString();
    }

}
