package dk.care.provisioning.user;

import org.springframework.data.repository.ListCrudRepository;

interface ProcessedRequestRepository extends ListCrudRepository<ProcessedRequest, String> {
}
