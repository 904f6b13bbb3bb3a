package dk.care.provisioning.intake;

/** A record that deserialized but cannot be read as a CreateUserRequest; never retried. */
class UnusableRequestException extends RuntimeException {

    UnusableRequestException(String message) {
        super(message);
    }
}
