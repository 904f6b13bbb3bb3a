package dk.care.provisioning.testing;

import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserType;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid requests against the demo reference data of docs/design.md §9, one per login method, to vary in tests. */
public final class Requests {

    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 500_000));
    private static final AtomicInteger COUNTER = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private Requests() {
    }

    public static CreateUserRequest.Builder phoneSelfRegistration() {
        return base()
                .setUserType(UserType.RELATIVE)
                .setRoleId("demo-care.relative")
                .setName("Karen Hansen")
                .setPhone("+4520123456")
                .setLogin(PhoneSelfRegistration.newBuilder().build());
    }

    public static CreateUserRequest.Builder standard(String password) {
        String username = "user." + UUID.randomUUID().toString().substring(0, 8);
        return base()
                .setUserType(UserType.EMPLOYEE)
                .setRoleId("demo-care.caregiver")
                .setName("Jens Jensen")
                .setEmail(username + "@example.org")
                .setPhone("+4531234567")
                .setExternalId("HR-" + UUID.randomUUID())
                .setLogin(StandardLogin.newBuilder().setUsername(username).setPassword(password).build());
    }

    public static CreateUserRequest.Builder mitId(String cpr) {
        return base()
                .setUserType(UserType.EMPLOYEE)
                .setRoleId("demo-care.caregiver")
                .setName("Mette Mortensen")
                .setEmail("mette@example.org")
                .setLogin(MitIdLogin.newBuilder().setCpr(cpr).build());
    }

    private static CreateUserRequest.Builder base() {
        return CreateUserRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setCorrelationId("corr-" + UUID.randomUUID())
                .setSource("test")
                .setRequestedBy("tester")
                .setRequestedAt(Instant.now())
                .setOrganisationId("demo-care")
                .setDepartmentId("demo-care.home-care");
    }

    /**
     * A valid Danish mobile number that no other test of this run uses: {@code +4520} and six digits from
     * 100000, since libphonenumber knows no numbers in 200xxxxx (a tenth of all {@code +4520} numbers).
     */
    public static String uniquePhone() {
        return "+4520" + (100_000 + Math.floorMod(PHONES.incrementAndGet(), 900_000));
    }

    /** A CPR number with a valid date that no other test uses (birth date from a counter). */
    public static String uniqueCpr() {
        int n = COUNTER.incrementAndGet();
        int day = 1 + n % 28;
        int month = 1 + (n / 28) % 12;
        int serial = 1000 + (n / 336) % 3000;
        return String.format("%02d%02d85%04d", day, month, serial);
    }
}
