package dk.care.provisioning.user;

/** Kind of user; a role allows one or more of them. */
public enum UserType {
    EMPLOYEE, RELATIVE, ADMINISTRATOR
}
