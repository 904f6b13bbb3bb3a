package dk.care.provisioning.organisation;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Read access to organisations, departments and roles, as validation needs them. */
@Component
public class ReferenceData {

    private final OrganisationRepository organisations;
    private final DepartmentRepository departments;
    private final RoleRepository roles;

    ReferenceData(OrganisationRepository organisations, DepartmentRepository departments, RoleRepository roles) {
        this.organisations = organisations;
        this.departments = departments;
        this.roles = roles;
    }

    public Optional<Organisation> organisation(String id) {
        return id == null ? Optional.empty() : organisations.findById(id);
    }

    public Optional<Department> department(String id) {
        return id == null ? Optional.empty() : departments.findById(id);
    }

    public Optional<Role> role(String id) {
        return id == null ? Optional.empty() : roles.findById(id);
    }
}
