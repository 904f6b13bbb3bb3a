package dk.care.provisioning.organisation;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Read access to organisations, departments and roles, as validation needs them. Cached per id
 * (unknown ids too, so a flood of bad requests cannot hammer the database) for
 * {@code provisioning.reference-data.cache-ttl}. Ids longer than {@value #MAX_ID_LENGTH} characters
 * are never looked up: no reference id is that long, and hostile keys must not fill the cache.
 */
@Component
public class ReferenceData {

    static final int MAX_ID_LENGTH = 255;
    private static final int MAX_ENTRIES = 10_000;

    private final LoadingCache<String, Optional<Organisation>> organisations;
    private final LoadingCache<String, Optional<Department>> departments;
    private final LoadingCache<String, Optional<Role>> roles;

    @Autowired
    ReferenceData(OrganisationRepository organisations, DepartmentRepository departments, RoleRepository roles,
                  ReferenceDataProperties properties) {
        this(organisations::findById, departments::findById, roles::findById, properties.cacheTtl());
    }

    ReferenceData(Function<String, Optional<Organisation>> organisations,
                  Function<String, Optional<Department>> departments,
                  Function<String, Optional<Role>> roles, Duration cacheTtl) {
        this.organisations = cache(organisations, cacheTtl);
        this.departments = cache(departments, cacheTtl);
        this.roles = cache(roles, cacheTtl);
    }

    private static <T> LoadingCache<String, Optional<T>> cache(Function<String, Optional<T>> loader, Duration ttl) {
        return Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).build(loader::apply);
    }

    public Optional<Organisation> organisation(@Nullable String id) {
        return lookUp(organisations, id);
    }

    public Optional<Department> department(@Nullable String id) {
        return lookUp(departments, id);
    }

    public Optional<Role> role(@Nullable String id) {
        return lookUp(roles, id);
    }

    /** Forgets every cached lookup, so that an import is seen at once on this instance. */
    void evictAll() {
        organisations.invalidateAll();
        departments.invalidateAll();
        roles.invalidateAll();
    }

    private static <T> Optional<T> lookUp(LoadingCache<String, Optional<T>> cache, @Nullable String id) {
        return id == null || id.length() > MAX_ID_LENGTH ? Optional.empty() : cache.get(id);
    }
}
