package dev.nabla.backend.fast;

/**
 * A fast path a backend may offer beside its primitives: a fused or library-backed kernel that core
 * uses when {@link dev.nabla.backend.Backend#fastPath} returns it and composes from primitives when
 * it does not. Every kernel interface of this package extends it.
 */
public interface FastPath {
}
