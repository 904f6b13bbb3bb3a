package dk.care.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

/** What the database holds of passwords and CPR numbers, read back from the real rows, and CPR key rotation on them. */
class PersonalDataAtRestIntegrationTest extends WorkerIntegrationTest {

    private static final String ROTATED_KEY = CprProtectorTest.randomKey(32);

    @Autowired
    private CprProtector cprs;

    @Autowired
    private PasswordHasher passwords;

    @Autowired
    private TransactionTemplate transactions;

    @Value("${provisioning.security.cpr.keys}")
    private String configuredKeys;

    @Value("${provisioning.security.cpr.blind-index-key}")
    private String blindIndexKey;

    @Test
    void storesEqualCprsOfTwoOrganisationsAsDifferentCiphertextsWithTheSameBlindIndex() {
        String organisation = secondMitIdOrganisation();
        String cpr = Requests.uniqueCpr();
        UUID first = create(mitId(cpr));
        UUID second = create(mitId(cpr.substring(0, 6) + "-" + cpr.substring(6)).setOrganisationId(organisation)
                .setDepartmentId(organisation + ".dept").setRoleId(organisation + ".role"));

        Map<String, Object> a = identity(first);
        Map<String, Object> b = identity(second);
        assertThat(a.get("organisation_id")).isNotEqualTo(b.get("organisation_id"));
        assertThat(a.get("cpr_ciphertext")).isNotEqualTo(b.get("cpr_ciphertext"));
        assertThat(a.get("cpr_blind_index")).isEqualTo(b.get("cpr_blind_index"));
        assertThat(cprs.decrypt((String) a.get("cpr_ciphertext"))).isEqualTo(Secret.of(cpr));
        assertThat(cprs.decrypt((String) b.get("cpr_ciphertext"))).isEqualTo(Secret.of(cpr));
    }

    @Test
    void readsTheArgon2idParametersBackFromTheStoredHash() {
        String password = "a passphrase for the hash " + UUID.randomUUID();
        UUID user = create(Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                .setUsername("hash." + UUID.randomUUID().toString().substring(0, 8)).setPassword(encrypted(password)).build()));

        String hash = jdbc.sql("select password_hash from password_credential where user_id = ?").param(user)
                .query(String.class).single();
        assertThat(hash).startsWith("$argon2id$v=19$");
        assertThat(PasswordHasher.parametersOf(hash)).hasValueSatisfying(stored -> {
            assertThat(stored).isEqualTo(passwords.parameters());
            assertThat(stored.meets(PasswordHasher.Parameters.OWASP_MINIMUM)).isTrue();
        });
        assertThat(passwords.matches(Secret.of(password), hash)).isTrue();
        assertThat(passwords.needsUpgrade(hash)).isFalse();
    }

    @Test
    void reEncryptsEveryCprUnderARetiredKeyWithTheActiveKeyKeepingTheBlindIndex() {
        List<String> cprNumbers = List.of(Requests.uniqueCpr(), Requests.uniqueCpr(), Requests.uniqueCpr());
        Map<UUID, String> users = cprNumbers.stream().collect(Collectors.toMap(cpr -> create(mitId(cpr)), Function.identity()));
        Map<UUID, Map<String, Object>> before = users.keySet().stream().collect(Collectors.toMap(id -> id, this::identity));
        UUID unreadable = create(mitId(Requests.uniqueCpr()));
        jdbc.sql("update mitid_identity set cpr_ciphertext = 'retired-0:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' where user_id = ?")
                .param(unreadable).update();
        CprProtector rotated = protector("demo-2");
        before.forEach((user, row) -> {
            assertThat((String) row.get("cpr_ciphertext")).startsWith("demo-1:");
            assertThat(rotated.decrypt((String) row.get("cpr_ciphertext"))).isEqualTo(Secret.of(users.get(user)));
        });

        try {
            CprReEncryption.Result result = new CprReEncryption(jdbc, transactions, rotated, 2).run();

            assertThat(result.reEncrypted()).isGreaterThanOrEqualTo(users.size());
            assertThat(result.unreadable()).isOne();
            assertThat(jdbc.sql("select count(*) from mitid_identity where not starts_with(cpr_ciphertext, 'demo-2:')")
                    .query(Long.class).single()).isOne();
            users.forEach((user, cpr) -> {
                Map<String, Object> after = identity(user);
                assertThat((String) after.get("cpr_ciphertext")).startsWith("demo-2:");
                assertThat(rotated.decrypt((String) after.get("cpr_ciphertext"))).isEqualTo(Secret.of(cpr));
                assertThat(after.get("cpr_blind_index")).isEqualTo(before.get(user).get("cpr_blind_index"));
            });
            assertThat(identity(unreadable).get("cpr_ciphertext")).isEqualTo("retired-0:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            assertThat(new CprReEncryption(jdbc, transactions, rotated, 2).run())
                    .isEqualTo(new CprReEncryption.Result(0, 1));
        } finally {
            // The shared worker only knows demo-1: rotate back so later tests read what they wrote.
            new CprReEncryption(jdbc, transactions, protector("demo-1"), 500).run();
        }
    }

    /** The configured keys plus a fresh demo-2, writing with {@code activeKeyId}, same blind index key. */
    private CprProtector protector(String activeKeyId) {
        Map<String, String> keys = new HashMap<>(NamedKeys.parse(configuredKeys, "configured"));
        keys.put("demo-2", ROTATED_KEY);
        return CprProtector.fromBase64(keys, activeKeyId, blindIndexKey);
    }

    private UUID create(CreateUserRequest.Builder request) {
        CreateUserRequest sent = request.build();
        send(sent);
        return outcomes().awaitOutcome(sent.getRequestId(), UserCreated.class).getUserId();
    }

    private static CreateUserRequest.Builder mitId(String cpr) {
        return Requests.mitId("unused").setLogin(MitIdLogin.newBuilder().setCpr(encrypted(cpr)).build());
    }

    private Map<String, Object> identity(UUID user) {
        return jdbc.sql("select * from mitid_identity where user_id = ?").param(user).query().singleRow();
    }

    /** A second organisation with MitID, as the demo data has only one. */
    private String secondMitIdOrganisation() {
        String id = "mitid-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into organisation (id, name, locale, mitid_enabled) values (?, 'Second MitID', 'da', true)")
                .param(id).update();
        jdbc.sql("insert into department (id, organisation_id, name) values (?, ?, 'Department')")
                .param(id + ".dept").param(id).update();
        jdbc.sql("insert into role (id, organisation_id, name) values (?, ?, 'Caregiver')")
                .param(id + ".role").param(id).update();
        jdbc.sql("insert into role_user_type (role_id, user_type) values (?, 'EMPLOYEE')").param(id + ".role").update();
        return id;
    }
}
