package dk.care.provisioning.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Topic names (docs/design.md §2) and how the worker creates them if they are missing. */
@Validated
@ConfigurationProperties("provisioning.topics")
public record TopicProperties(
        @DefaultValue("user-provisioning.requests.v1") @NotBlank String requests,
        @DefaultValue("user-provisioning.user-created.v1") @NotBlank String userCreated,
        @DefaultValue("user-provisioning.user-creation-failed.v1") @NotBlank String userCreationFailed,
        @DefaultValue("user-provisioning.invitations.v1") @NotBlank String invitations,
        @DefaultValue("user-provisioning.user-activated.v1") @NotBlank String userActivated,
        @DefaultValue("user-provisioning.requests.v1.DLT") @NotBlank String deadLetter,
        @DefaultValue("user-provisioning.user-changes.v1") @NotBlank String userChanges,
        @DefaultValue("user-provisioning.user-changed.v1") @NotBlank String userChanged,
        @DefaultValue("user-provisioning.user-change-failed.v1") @NotBlank String userChangeFailed,
        @DefaultValue("user-provisioning.user-changes.v1.DLT") @NotBlank String changesDeadLetter,
        @DefaultValue("user-provisioning.users.v1") @NotBlank String users,
        @DefaultValue("true") boolean create,
        @DefaultValue("3") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicas) {
}
