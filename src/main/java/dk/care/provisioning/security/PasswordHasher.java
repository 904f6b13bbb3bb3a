package dk.care.provisioning.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hashes passwords with Argon2id into PHC strings and tells when a stored hash is below policy. */
public final class PasswordHasher {

    // $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, salt and hash in unpadded standard base64.
    private static final Pattern PHC = Pattern.compile(
            "\\$(argon2(?:id|i|d))\\$v=(\\d{1,3})\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int ARGON2_VERSION_13 = 19;

    /** Argon2id cost and sizes; memory in KiB, lengths in bytes. */
    public record Parameters(int memoryKib, int iterations, int parallelism, int saltLength, int hashLength) {

        /** OWASP Password Storage Cheat Sheet minimum for Argon2id (docs/design.md §7). */
        public static final Parameters OWASP_MINIMUM = new Parameters(19_456, 2, 1, 16, 32);

        public Parameters {
            if (memoryKib < 1 || iterations < 1 || parallelism < 1 || saltLength < 1 || hashLength < 1) {
                throw new IllegalArgumentException("Argon2 parameters out of range: " + memoryKib + " KiB, t="
                        + iterations + ", p=" + parallelism + ", salt " + saltLength + " B, hash " + hashLength + " B");
            }
        }

        /** Whether every cost and size is at least that of {@code policy}. */
        public boolean meets(Parameters policy) {
            return memoryKib >= policy.memoryKib && iterations >= policy.iterations
                    && parallelism >= policy.parallelism && saltLength >= policy.saltLength
                    && hashLength >= policy.hashLength;
        }
    }

    /**
     * What makes a stored hash unusable while its user is deactivated (docs/lifecycle.md): prefixed,
     * the PHC string names the algorithm {@code disabled}, which no verifier knows, so neither
     * {@link #matches} nor any other Argon2 verifier accepts it (a prefix without a {@code $}, such as
     * the {@code !} of a locked Unix password, is skipped by some of them, Spring Security's among
     * them); removing it restores the hash as it was.
     */
    public static final String DISABLED_PREFIX = "$disabled";

    private final Parameters parameters;
    private final Argon2PasswordEncoder encoder;

    /** A hasher with {@code parameters}; refuses anything below {@link Parameters#OWASP_MINIMUM}. */
    public PasswordHasher(Parameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (!parameters.meets(Parameters.OWASP_MINIMUM)) {
            throw new IllegalArgumentException(parameters + " is below the OWASP minimum " + Parameters.OWASP_MINIMUM);
        }
        this.parameters = parameters;
        this.encoder = new Argon2PasswordEncoder(parameters.saltLength(), parameters.hashLength(),
                parameters.parallelism(), parameters.memoryKib(), parameters.iterations());
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A PHC string such as {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, with a fresh random salt. */
    public String hash(Secret password) {
        Objects.requireNonNull(password, "password");
        return encoder.encode(password.reveal());
    }

    /** Whether {@code password} is the one {@code phcHash} was made from; false for any malformed hash. */
    public boolean matches(Secret password, @Nullable String phcHash) {
        Objects.requireNonNull(password, "password");
        // Parsed first so that a corrupt row yields false instead of the encoder's warning with a stack trace.
        if (phcHash == null || parametersOf(phcHash).isEmpty()) {
            return false;
        }
        return encoder.matches(password.reveal(), phcHash);
    }

    /** Whether the stored hash should be replaced on the next successful login: not Argon2id v1.3, or weaker than now configured. */
    public boolean needsUpgrade(@Nullable String phcHash) {
        if (phcHash == null || !phcHash.startsWith("$argon2id$")) {
            return true;
        }
        return parametersOf(phcHash).map(stored -> !stored.meets(parameters)).orElse(true);
    }

    /** The parameters an Argon2id v1.3 PHC string was made with, read back from the string itself. */
    public static Optional<Parameters> parametersOf(String phcHash) {
        Matcher m = PHC.matcher(phcHash);
        if (!m.matches() || !"argon2id".equals(m.group(1)) || Integer.parseInt(m.group(2)) != ARGON2_VERSION_13) {
            return Optional.empty();
        }
        try {
            Base64.Decoder decoder = Base64.getDecoder();
            return Optional.of(new Parameters(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), decoder.decode(m.group(6)).length, decoder.decode(m.group(7)).length));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "PasswordHasher[" + parameters + "]";
    }
}
