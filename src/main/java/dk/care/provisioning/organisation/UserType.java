package dk.care.provisioning.organisation;

/** Kind of user; a role allows one or more of them. */
public enum UserType {
    EMPLOYEE, RELATIVE, ADMINISTRATOR
}
