/**
 * Small dense linear algebra on the host (EJML): the {@code d × d} systems and decompositions that
 * follow the device-side {@code O(n·d²)} products of the ML algorithms.
 */
package dev.nabla.ml.linalg;
