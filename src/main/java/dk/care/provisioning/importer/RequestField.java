package dk.care.provisioning.importer;

import dk.care.provisioning.user.LoginMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The request fields a mapping can fill, by the names of the mapping file and of docs/design.md §4's violations,
 * and the two dates a sync reads.
 */
enum RequestField {
    EXTERNAL_ID("externalId", "externalId", Kind.TEXT),
    NAME("name", "name", Kind.TEXT),
    EMAIL("email", "email", Kind.TEXT),
    PHONE("phone", "phone", Kind.TEXT),
    ORGANISATION_ID("organisationId", "organisationId", Kind.REQUIRED),
    DEPARTMENT_ID("departmentId", "departmentId", Kind.REQUIRED),
    ROLE_ID("roleId", "roleId", Kind.REQUIRED),
    USER_TYPE("userType", "userType", Kind.REQUIRED),
    LOCALE("locale", "locale", Kind.TEXT),
    LOGIN("login", "login", Kind.REQUIRED),
    USERNAME("username", "login.username", Kind.TEXT),
    PASSWORD("password", "login.password", Kind.SECRET),
    MUST_CHANGE_PASSWORD("mustChangePassword", "login.mustChangePassword", Kind.TEXT),
    CPR("cpr", "login.cpr", Kind.SECRET),
    /** The first working day; a sync creates or reactivates the user from that day (docs/import.md, sync). */
    START_DATE("startDate", "startDate", Kind.DATE),
    /** The last working day; a sync deactivates the user after it. */
    END_DATE("endDate", "endDate", Kind.DATE);

    /**
     * Whether the mapping must say where the field comes from, whether its value is a secret, and whether
     * it is a date, which only a sync reads and no request carries.
     */
    enum Kind { TEXT, REQUIRED, SECRET, DATE }

    private final String key;
    private final String requestField;
    private final Kind kind;

    RequestField(String key, String requestField, Kind kind) {
        this.key = key;
        this.requestField = requestField;
        this.kind = kind;
    }

    /** The name in the mapping file. */
    String key() {
        return key;
    }

    /** The name in a violation, dotted for login fields. */
    String requestField() {
        return requestField;
    }

    boolean required() {
        return kind == Kind.REQUIRED;
    }

    boolean secret() {
        return kind == Kind.SECRET;
    }

    boolean date() {
        return kind == Kind.DATE;
    }

    /** The values an enumerated field accepts after translation; empty for free text. */
    List<String> allowedValues() {
        return switch (this) {
            case USER_TYPE -> Arrays.stream(dk.care.provisioning.v1.UserType.values()).map(Enum::name).toList();
            case LOGIN -> Arrays.stream(LoginMethod.Kind.values()).map(Enum::name).toList();
            case MUST_CHANGE_PASSWORD -> List.of("true", "false");
            default -> List.of();
        };
    }

    static Optional<RequestField> byKey(String key) {
        return Arrays.stream(values()).filter(field -> field.key.equals(key)).findFirst();
    }

    static String keys() {
        return String.join(", ", Arrays.stream(values()).map(RequestField::key).toList());
    }
}
