package dk.care.provisioning.console;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.LoginMethod;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator typed into the Create user form. Everything but the user type and the login
 * method goes to the worker as typed, whose rules judge it; {@link #toString()} never shows the
 * password or the CPR number.
 */
record NewUser(
        @Nullable String organisationId,
        @Nullable String departmentId,
        @Nullable String roleId,
        @Nullable UserType userType,
        LoginMethod.@Nullable Kind loginMethod,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String externalId,
        @Nullable String locale,
        @Nullable String username,
        @Nullable String password,
        @Nullable Boolean mustChangePassword,
        @Nullable String cpr) implements Serializable {

    @Override
    public String toString() {
        return "NewUser[organisationId=" + organisationId + ", departmentId=" + departmentId + ", roleId=" + roleId
                + ", userType=" + userType + ", loginMethod=" + loginMethod + ", password=<redacted>, cpr=<redacted>]";
    }
}
