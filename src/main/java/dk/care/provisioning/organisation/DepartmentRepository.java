package dk.care.provisioning.organisation;

import org.springframework.data.repository.ListCrudRepository;

interface DepartmentRepository extends ListCrudRepository<Department, String> {
}
