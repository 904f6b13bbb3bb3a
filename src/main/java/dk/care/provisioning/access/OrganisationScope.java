package dk.care.provisioning.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The organisations a console user or API client may see and act for, from its granted authorities:
 * {@code ORG_<organisationId>} grants one organisation, {@code ORG_*} all of them. Nothing else grants
 * any, so a caller without such an authority sees nothing (all organisations is an explicit grant).
 */
public record OrganisationScope(boolean all, Set<String> organisations) {

    /** The prefix of an organisation grant. */
    public static final String PREFIX = "ORG_";
    /** The grant of every organisation. */
    public static final String ALL = PREFIX + "*";

    public OrganisationScope {
        organisations = Set.copyOf(organisations);
    }

    /** The scope of a signed-in person or an authenticated client; nobody's scope is empty. */
    public static OrganisationScope of(@Nullable Authentication authentication) {
        return authentication == null ? new OrganisationScope(false, Set.of()) : of(authentication.getAuthorities());
    }

    /** The scope the {@code ORG_} authorities among these grant. */
    public static OrganisationScope of(Collection<? extends GrantedAuthority> authorities) {
        boolean all = false;
        Set<String> organisations = new TreeSet<>();
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (ALL.equals(name)) {
                all = true;
            } else if (name != null && name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                organisations.add(name.substring(PREFIX.length()));
            }
        }
        return new OrganisationScope(all, organisations);
    }

    /** The authority names that grant these organisations, or all of them. */
    public static List<String> authorities(boolean all, Collection<String> organisations) {
        return all ? List.of(ALL) : organisations.stream().map(organisation -> PREFIX + organisation).toList();
    }

    /**
     * Whether the organisation is in the scope; an unknown organisation ({@code null}, as for a request
     * rejected before its organisation was known) only in the scope of all organisations.
     */
    public boolean includes(@Nullable String organisationId) {
        return all || organisationId != null && organisations.contains(organisationId);
    }

    /** The items whose organisation is in the scope, in their order. */
    public <T> List<T> filter(List<T> items, Function<T, @Nullable String> organisation) {
        return all ? items : items.stream().filter(item -> includes(organisation.apply(item))).toList();
    }
}
