/**
 * The {@code import} command: an HR export (CSV) read, checked and published as requests, its outcomes reported per row.
 */
@NullMarked
package dk.care.provisioning.importer;

import org.jspecify.annotations.NullMarked;
