package dk.care.provisioning.dev;

import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserType;
import java.util.List;

/**
 * The sample requests the embedded default publishes: first valid ones for each login method, then,
 * once those are done, typical mistakes, including collisions with the users of the first wave.
 */
final class DemoRequests {

    private DemoRequests() {
    }

    record Sample(String description, CreateUserRequest request) {
    }

    /** {@code secrets} encrypts passwords and CPR numbers as the sending HR system would. */
    static List<Sample> valid(HrSystemEncryption secrets) {
        return List.of(
                new Sample("relative, phone self-registration",
                        Requests.phoneSelfRegistration().build()),
                new Sample("caregiver, username + password",
                        Requests.standard(secrets.password("correct horse battery staple")).build()),
                new Sample("caregiver, MitID",
                        Requests.mitId(secrets.cpr("0108854321")).build()),
                new Sample("Swedish relative, phone self-registration",
                        Requests.phoneSelfRegistration().setOrganisationId("demo-omsorg")
                                .setDepartmentId("demo-omsorg.hemtjanst").setRoleId("demo-omsorg.relative")
                                .setPhone("+46701234567").build()),
                new Sample("administrator, username + password (mixed case)",
                        Requests.standard("unused").setUserType(UserType.ADMINISTRATOR)
                                .setRoleId("demo-care.admin")
                                .setLogin(StandardLogin.newBuilder().setUsername("Demo.Admin")
                                        .setPassword(secrets.password("an administrator passphrase")).build()).build()));
    }

    static List<Sample> invalid(HrSystemEncryption secrets) {
        return List.of(
                new Sample("phone without country code",
                        Requests.phoneSelfRegistration().setPhone("20123456").build()),
                new Sample("weak password, bad e-mail",
                        Requests.standard(secrets.password("password1234")).setEmail("not-an-email").build()),
                new Sample("MitID in an organisation without MitID",
                        Requests.mitId(secrets.cpr("0208854321")).setOrganisationId("demo-omsorg")
                                .setDepartmentId("demo-omsorg.hemtjanst").setRoleId("demo-omsorg.caregiver")
                                .build()),
                new Sample("CPR that is not a date",
                        Requests.mitId(secrets.cpr("3102851234")).build()),
                new Sample("administrator role for a relative, closed department",
                        Requests.phoneSelfRegistration().setRoleId("demo-care.admin")
                                .setDepartmentId("demo-care.closed").build()),
                new Sample("unknown organisation, unsupported locale",
                        Requests.phoneSelfRegistration().setOrganisationId("nowhere").setLocale("de").build()),
                new Sample("username already taken",
                        Requests.standard("unused")
                                .setLogin(StandardLogin.newBuilder().setUsername("demo.admin")
                                        .setPassword(secrets.password("another long passphrase")).build()).build()),
                new Sample("same CPR again",
                        Requests.mitId(secrets.cpr("010885-4321")).build()));
    }
}
