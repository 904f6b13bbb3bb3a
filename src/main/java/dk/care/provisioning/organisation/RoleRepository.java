package dk.care.provisioning.organisation;

import org.springframework.data.repository.ListCrudRepository;

interface RoleRepository extends ListCrudRepository<Role, String> {
}
