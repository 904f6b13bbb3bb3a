package dk.care.provisioning.organisation;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The demo reference data of docs/design.md §9 in memory, for unit tests without a database. */
public final class DemoReferenceData {

    private DemoReferenceData() {
    }

    public static ReferenceData inMemory() {
        Map<String, Organisation> organisations = byId(Organisation::id,
                new Organisation("demo-care", "Demo Care", "da", true, true),
                new Organisation("demo-omsorg", "Demo Omsorg", "sv", false, true));
        Map<String, Department> departments = byId(Department::id,
                new Department("demo-care.home-care", "demo-care", "Home care", true),
                new Department("demo-care.nursing-home", "demo-care", "Nursing home", true),
                new Department("demo-care.closed", "demo-care", "Closed department", false),
                new Department("demo-omsorg.hemtjanst", "demo-omsorg", "Hemtjänst", true));
        Map<String, Role> roles = byId(Role::id,
                role("demo-care.caregiver", UserType.EMPLOYEE), role("demo-care.relative", UserType.RELATIVE),
                role("demo-care.admin", UserType.ADMINISTRATOR), role("demo-omsorg.caregiver", UserType.EMPLOYEE),
                role("demo-omsorg.relative", UserType.RELATIVE), role("demo-omsorg.admin", UserType.ADMINISTRATOR));
        return new ReferenceData(id -> Optional.ofNullable(organisations.get(id)),
                id -> Optional.ofNullable(departments.get(id)), id -> Optional.ofNullable(roles.get(id)),
                Duration.ofMinutes(1));
    }

    private static Role role(String id, UserType allowed) {
        return new Role(id, id.substring(0, id.indexOf('.')), id, true, Set.of(new Role.AllowedUserType(allowed)));
    }

    @SafeVarargs
    private static <T> Map<String, T> byId(Function<T, String> id, T... values) {
        return Stream.of(values).collect(Collectors.toMap(id, Function.identity()));
    }
}
