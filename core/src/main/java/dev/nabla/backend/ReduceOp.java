package dev.nabla.backend;

/** Reductions every backend implements. */
public enum ReduceOp {
    SUM, MAX, MIN
}
