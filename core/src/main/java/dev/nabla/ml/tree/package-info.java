/**
 * Decision trees (CART-style axis-aligned binary splits). Split search is sequential and data
 * dependent, so the tree is grown on the host from a downloaded copy of the data.
 */
package dev.nabla.ml.tree;
