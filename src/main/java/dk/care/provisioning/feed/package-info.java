/**
 * The compacted users topic (docs/design.md §11): the latest {@code UserState} of every user, and a
 * tombstone after erasure, through the outbox in the caller's transaction; implements the user
 * module's {@code UserStatePublisher}, and backfills the users that existed before the topic once.
 */
@NullMarked
package dk.care.provisioning.feed;

import org.jspecify.annotations.NullMarked;
