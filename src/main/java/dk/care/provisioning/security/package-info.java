/**
 * Secrets at the edge of the worker: JWE decryption of incoming passwords and CPR numbers,
 * Argon2id password hashing, and CPR encryption with a blind index (docs/design.md §3, §7).
 * Nothing here logs, prints or puts a secret or key into an exception message.
 */
@NullMarked
package dk.care.provisioning.security;

import org.jspecify.annotations.NullMarked;
