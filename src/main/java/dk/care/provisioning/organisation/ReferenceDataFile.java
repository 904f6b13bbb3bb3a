package dk.care.provisioning.organisation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A reference data file (YAML): organisations, each with its departments and roles. Keys may be
 * written kebab-case ({@code mitid-enabled}) or camelCase; {@code active} defaults to true.
 */
record ReferenceDataFile(@DefaultValue @Valid List<OrganisationEntry> organisations) {

    record OrganisationEntry(
            @NotBlank String id,
            @NotBlank String name,
            @NotBlank String locale,
            @DefaultValue("false") boolean mitidEnabled,
            @DefaultValue("true") boolean active,
            @DefaultValue @Valid List<DepartmentEntry> departments,
            @DefaultValue @Valid List<RoleEntry> roles) {
    }

    record DepartmentEntry(@NotBlank String id, @NotBlank String name, @DefaultValue("true") boolean active) {
    }

    record RoleEntry(
            @NotBlank String id,
            @NotBlank String name,
            @DefaultValue("true") boolean active,
            @NotEmpty Set<UserType> allowedUserTypes) {
    }
}
