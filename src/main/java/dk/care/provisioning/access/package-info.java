/**
 * Who may act for which organisation (docs/design.md §12): the organisation scope every console page and
 * admin API call is filtered and checked against, the admin API's caller, and the audit entry of an
 * attempt outside the scope.
 */
@NullMarked
package dk.care.provisioning.access;

import org.jspecify.annotations.NullMarked;
