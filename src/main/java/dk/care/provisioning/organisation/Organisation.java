package dk.care.provisioning.organisation;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A care organisation: its default locale and whether it authenticates users with MitID. */
@Table("organisation")
public record Organisation(@Id String id, String name, String locale, boolean mitidEnabled, boolean active) {
}
