/**
 * The append-only audit trail: who asked for what and what came of it, written in the business transaction.
 */
@NullMarked
package dk.care.provisioning.audit;

import org.jspecify.annotations.NullMarked;
