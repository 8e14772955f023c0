#!/usr/bin/python3
"""Fits the polynomials of the SIMD float32 functions (VectorFloatFunctions) and prints them as Java arrays.

E: exp(r) = E(r) on [-ln2/2, ln2/2], degree 6. T: tanh(x)/x = T(x^2) on [0, 0.625], degree 6. P: erf(x)/x = P(x^2)
on [0, 1], degree 6. Q: erfc(x)*exp(x^2) = Q(1/(1 + x/2)) on [1, 4], degree 7. Each is a relative-error
least-squares fit at 400 Chebyshev nodes, reweighted towards minimax (Lawson's iteration), against the function
computed to 40 digits with mpmath. Run by hand: python3 cpu-backend/fit-functions.py"""
import math
import mpmath as mp
import numpy as np

mp.mp.dps = 40


def fit(variable, f, a, b, degree):
    k = np.arange(400)
    xs = (a + b) / 2 + (b - a) / 2 * np.cos((2 * k + 1) * np.pi / 800)
    v = np.array([variable(x) for x in xs])
    y = np.array([float(f(x)) for x in xs])
    vander = np.vander(v, degree + 1, increasing=True) / np.abs(y)[:, None]
    target = np.ones_like(y)
    weights = np.ones_like(y)
    for _ in range(200):
        c, *_ = np.linalg.lstsq(vander * np.sqrt(weights)[:, None], target * np.sqrt(weights), rcond=None)
        weights = weights * np.abs(vander @ c - target)
        weights /= weights.sum()
    xt = np.linspace(a, b, 20001)
    vt = np.array([variable(x) for x in xt])
    yt = np.array([float(f(x)) for x in xt])
    error = np.max(np.abs(np.vander(vt, degree + 1, increasing=True) @ c / yt - 1))
    return c, error


def show(name, c, error):
    print(f"// relative fit error {error:.2g}")
    print(f"private static final float[] {name} = {{" + ", ".join(np.format_float_positional(np.float32(x), unique=True) + "f" for x in c) + "};")


show("E", *fit(lambda r: r, mp.exp, -math.log(2) / 2, math.log(2) / 2, 6))
show("T", *fit(lambda x: x * x, lambda x: mp.tanh(x) / x, 1e-6, 0.625, 6))
show("P", *fit(lambda x: x * x, lambda x: mp.erf(x) / x, 1e-6, 1.0, 6))
show("Q", *fit(lambda x: 1 / (1 + x / 2), lambda x: mp.erfc(x) * mp.exp(x * x), 1.0, 4.0, 7))
