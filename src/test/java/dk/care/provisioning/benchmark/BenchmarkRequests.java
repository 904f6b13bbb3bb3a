package dk.care.provisioning.benchmark;

import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Valid, mutually non-conflicting requests in a given mix of login methods, reproducible per seed. */
final class BenchmarkRequests {

    private final String run;
    private final Map<String, Integer> mix;
    private final Random random = new Random(42);
    private int next;

    BenchmarkRequests(String run, Map<String, Integer> mix) {
        this.run = run;
        this.mix = mix;
    }

    List<CreateUserRequest> next(int count) {
        List<CreateUserRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(request(next++));
        }
        return requests;
    }

    private CreateUserRequest request(int i) {
        var builder = CreateUserRequest.newBuilder()
                .setRequestId(run + "-" + i)
                .setSource("benchmark")
                .setRequestedAt(Instant.now())
                .setOrganisationId("demo-care")
                .setDepartmentId("demo-care.home-care");
        return switch (pick(mix, random)) {
            case "phone" -> builder.setUserType(UserType.RELATIVE).setRoleId("demo-care.relative")
                    .setName("Relative " + i).setPhone(phone(i))
                    .setLogin(PhoneSelfRegistration.newBuilder().build()).build();
            case "mitid" -> builder.setUserType(UserType.EMPLOYEE).setRoleId("demo-care.caregiver")
                    .setName("Caregiver " + i).setEmail("c" + i + "@example.org").setExternalId(run + "-hr-" + i)
                    .setLogin(MitIdLogin.newBuilder().setCpr(cpr(run.hashCode() & 0xffff, i)).build()).build();
            default -> builder.setUserType(UserType.EMPLOYEE).setRoleId("demo-care.caregiver")
                    .setName("Employee " + i).setEmail("e" + i + "@example.org").setPhone(phone(i))
                    .setLogin(StandardLogin.newBuilder().setUsername("bench." + run + "." + i)
                            .setPassword("benchmark passphrase " + i).build()).build();
        };
    }

    /** One key of the mix, each as often as its weight says. */
    static String pick(Map<String, Integer> mix, Random random) {
        int pick = random.nextInt(mix.values().stream().mapToInt(Integer::intValue).sum());
        for (Map.Entry<String, Integer> entry : mix.entrySet()) {
            pick -= entry.getValue();
            if (pick < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("empty mix");
    }

    /** Phone numbers need not be unique, only valid: libphonenumber knows which Danish ranges exist. */
    private static String phone(int i) {
        return i % 2 == 0 ? "+4520123456" : "+4531234567";
    }

    /** Distinct valid CPR numbers: a non-leap day of a 1900s year, a serial below 4000 (1900s century digit). */
    static String cpr(int salt, int i) {
        long n = (long) salt * 1_000_003L + i;
        LocalDate date = LocalDate.ofYearDay(1901, (int) (n % 365) + 1);
        int year = (int) ((n / 365) % 100);
        int serial = (int) ((n / 36_500) % 4000);
        return String.format("%02d%02d%02d%04d", date.getDayOfMonth(), date.getMonthValue(), year, serial);
    }
}
