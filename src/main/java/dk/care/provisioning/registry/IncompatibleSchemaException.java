package dk.care.provisioning.registry;

/** Registration was refused because the schema breaks the subject's compatibility rule (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    /** Confluent's current code; older registries send plain 409. */
    public static final int INCOMPATIBLE_SCHEMA = 40901;

    public IncompatibleSchemaException(String message, int errorCode) {
        super(message, 409, errorCode);
    }
}
