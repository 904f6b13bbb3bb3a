package dk.care.provisioning.organisation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Imports organisations, departments and roles from a YAML file, so reference data is maintained
 * without SQL. Upserts by id in one transaction: a file with any error changes nothing. Nothing is
 * deleted (users refer to it); retire an entry with {@code active: false}. A role's allowed user
 * types are replaced by the file's. A department or role cannot move to another organisation.
 */
@Component
public class ReferenceDataImport {

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataImport.class);

    private final JdbcClient jdbc;
    private final Validator validator;
    private final ReferenceData referenceData;

    ReferenceDataImport(JdbcClient jdbc, Validator validator, ReferenceData referenceData) {
        this.jdbc = jdbc;
        this.validator = validator;
        this.referenceData = referenceData;
    }

    /** What one import wrote. */
    public record Result(int organisations, int departments, int roles) {
    }

    /** Reads, validates and upserts the file; throws {@link IllegalArgumentException} for an invalid file. */
    @Transactional
    public Result importFile(Path file) {
        ReferenceDataFile data = read(file);
        validate(data, file);
        int departments = 0;
        int roles = 0;
        for (ReferenceDataFile.OrganisationEntry organisation : data.organisations()) {
            upsert(organisation);
            for (ReferenceDataFile.DepartmentEntry department : organisation.departments()) {
                upsert(organisation.id(), department);
                departments++;
            }
            for (ReferenceDataFile.RoleEntry role : organisation.roles()) {
                upsert(organisation.id(), role);
                roles++;
            }
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                referenceData.evictAll();
            }
        });
        var result = new Result(data.organisations().size(), departments, roles);
        log.info("Imported reference data from {}: {} organisations, {} departments, {} roles", file,
                result.organisations(), result.departments(), result.roles());
        return result;
    }

    private static ReferenceDataFile read(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("Reference data file " + file + " cannot be read");
        }
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Reference data file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        try {
            // Unknown keys fail the import: a misspelt "mitid-enabled" must not silently mean false.
            return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("",
                    Bindable.of(ReferenceDataFile.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        } catch (BindException e) {
            throw new IllegalArgumentException("Reference data file " + file + " is invalid: "
                    + NestedExceptionUtils.getMostSpecificCause(e).getMessage(), e);
        }
    }

    private void validate(ReferenceDataFile data, Path file) {
        Stream<String> violations = validator.validate(data).stream()
                .map(ReferenceDataImport::describe);
        Stream<String> duplicates = Stream.of(
                        duplicates(data.organisations().stream().map(ReferenceDataFile.OrganisationEntry::id)),
                        duplicates(data.organisations().stream().flatMap(o -> o.departments().stream())
                                .map(ReferenceDataFile.DepartmentEntry::id)),
                        duplicates(data.organisations().stream().flatMap(o -> o.roles().stream())
                                .map(ReferenceDataFile.RoleEntry::id)))
                .flatMap(Set::stream).map(id -> "id " + id + " appears more than once");
        List<String> problems = Stream.concat(violations, duplicates).sorted().toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Reference data file " + file + " is invalid: "
                    + String.join("; ", problems));
        }
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + " " + violation.getMessage();
    }

    private static Set<String> duplicates(Stream<String> ids) {
        Set<String> seen = new HashSet<>();
        return ids.filter(id -> !seen.add(id)).collect(Collectors.toSet());
    }

    private void upsert(ReferenceDataFile.OrganisationEntry organisation) {
        jdbc.sql("""
                        insert into organisation (id, name, locale, mitid_enabled, active)
                        values (:id, :name, :locale, :mitid, :active)
                        on conflict (id) do update set name = excluded.name, locale = excluded.locale,
                            mitid_enabled = excluded.mitid_enabled, active = excluded.active""")
                .param("id", organisation.id())
                .param("name", organisation.name())
                .param("locale", organisation.locale())
                .param("mitid", organisation.mitidEnabled())
                .param("active", organisation.active())
                .update();
    }

    private void upsert(String organisationId, ReferenceDataFile.DepartmentEntry department) {
        upsertPart("department", department.id(), organisationId, department.name(), department.active());
    }

    private void upsert(String organisationId, ReferenceDataFile.RoleEntry role) {
        upsertPart("role", role.id(), organisationId, role.name(), role.active());
        jdbc.sql("delete from role_user_type where role_id = :id").param("id", role.id()).update();
        role.allowedUserTypes().forEach(userType -> jdbc.sql(
                        "insert into role_user_type (role_id, user_type) values (:id, :userType)")
                .param("id", role.id())
                .param("userType", userType.name())
                .update());
    }

    /**
     * Departments and roles share their shape; {@code table} is one of those two constants, never
     * input. The conditional upsert writes nothing when the id exists in another organisation.
     */
    private void upsertPart(String table, String id, String organisationId, String name, boolean active) {
        int written = jdbc.sql("""
                        insert into %1$s (id, organisation_id, name, active)
                        values (:id, :organisation, :name, :active)
                        on conflict (id) do update set name = excluded.name, active = excluded.active
                        where %1$s.organisation_id = excluded.organisation_id""".formatted(table))
                .param("id", id)
                .param("organisation", organisationId)
                .param("name", name)
                .param("active", active)
                .update();
        requireSameOrganisation(written, table, id, organisationId);
    }

    private static void requireSameOrganisation(int written, String kind, String id, String organisationId) {
        if (written == 0) {
            throw new IllegalArgumentException("The " + kind + " " + id + " belongs to another organisation than "
                    + organisationId + "; it cannot be moved");
        }
    }
}
