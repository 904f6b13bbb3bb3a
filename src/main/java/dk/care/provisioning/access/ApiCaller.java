package dk.care.provisioning.access;

/**
 * Who calls the admin API: the person the admin UI acts for ({@code X-Requested-By}), the API client
 * whose token it presented, the address the call came from, and the client's organisations. The admin
 * API's gate puts it in the request under {@link #ATTRIBUTE}.
 */
public record ApiCaller(String person, String client, String address, OrganisationScope scope) {

    /** The request attribute that holds the caller of an authenticated admin API call. */
    public static final String ATTRIBUTE = "dk.care.provisioning.access.api-caller";

    /** The audit trail's {@code source} of what API clients ask for. */
    public static final String SOURCE = "admin-api";

    /** The person and the client, as the audit trail's {@code requested_by} names them. */
    public String auditName() {
        return person + " [" + client + "]";
    }

    @Override
    public String toString() {
        return auditName() + " (" + address + ")";
    }
}
