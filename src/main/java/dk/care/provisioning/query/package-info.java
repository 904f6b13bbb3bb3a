/**
 * The query API for admin UIs (docs/design.md §10): a request's state by requestId, the users of an
 * organisation a page at a time, a user's history, and the figures operations watch — read from the
 * worker's own tables, never by replaying topics, and never answering a password hash, a CPR or a token.
 */
@NullMarked
package dk.care.provisioning.query;

import org.jspecify.annotations.NullMarked;
