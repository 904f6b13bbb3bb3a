/**
 * The public port's web edge shared by every feature that serves HTTP: the security headers on every
 * answer, the content policy of rendered pages, the locale resolver, the JSON reader, the body and
 * per-address limits with the one attempt limiter, the admin API's authentication and settings, and
 * the base Spring Security filter chain (CSRF on forms, no sign-in) that features with a sign-in of
 * their own put their chains in front of.
 */
@NullMarked
package dk.care.provisioning.web;

import org.jspecify.annotations.NullMarked;
