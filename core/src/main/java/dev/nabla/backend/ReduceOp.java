package dev.nabla.backend;

/** Reductions every backend implements; on INT64 they are exact, and a SUM wraps on overflow as PyTorch's int64. */
public enum ReduceOp {
    SUM, MAX, MIN
}
