/**
 * A user's life after creation (docs/lifecycle.md, docs/design.md §11): change requests — new contact
 * details, a move, deactivation of a leaver, reactivation, erasure, withdrawal of a scheduled change —
 * checked against every rule at once and answered by exactly one outcome each; changes dated in the
 * future kept and applied when due, exactly once across instances. Knows no Kafka or Avro: intake
 * maps the requests, events encodes the outcomes.
 */
@NullMarked
package dk.care.provisioning.lifecycle;

import org.jspecify.annotations.NullMarked;
