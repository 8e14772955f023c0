/** k-nearest-neighbour classification with batched distance computation on the device. */
package dev.nabla.ml.neighbors;
