/**
 * One insert statement per transaction for rows of several modules ({@code BulkInserts}).
 */
@NullMarked
package dk.care.provisioning.jdbc;

import org.jspecify.annotations.NullMarked;
