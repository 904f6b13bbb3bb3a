/**
 * Test support shared by the test classes: the worker in-process and as separate JVMs, outcome consumers, requests, captured logs.
 */
@NullMarked
package dk.care.provisioning.testing;

import org.jspecify.annotations.NullMarked;
