package dk.care.provisioning.query;

/** A reference-data entry an admin UI offers for choosing: its id and its name. */
public record Choice(String id, String name) {
}
