/**
 * Delivery guarantee tests that run the worker as separate JVMs and kill, stop or cut it off.
 */
@NullMarked
package dk.care.provisioning.delivery;

import org.jspecify.annotations.NullMarked;
