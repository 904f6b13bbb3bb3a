package dk.care.provisioning.registry;

/** The registry does not know the subject (40401), version (40402) or schema/id (40403); not transient. */
public class SchemaNotFoundException extends SchemaRegistryException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;

    public SchemaNotFoundException(String message, int errorCode) {
        super(message, 404, errorCode);
    }
}
