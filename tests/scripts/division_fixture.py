#!/usr/bin/python3
"""Writes PyTorch's answers for Nabla's integer and division tests (IntegerArithmeticTest).

Run by hand, not by CI, with PyTorch 1.13 (/usr/bin/python3 on the development machine):

    /usr/bin/python3 tests/scripts/division_fixture.py > tests/src/test/resources/dev/nabla/division_torch.txt

One line per element: `op dtype a b result`, every number as the unsigned integer of its raw bits (float32 as
32 bits, float64 and int64 as 64 bits), so nothing is lost in printing. `div` of int64 operands is true division
(its result float32 bits). Pairs PyTorch cannot evaluate are left out: an int64 zero divisor (it raises) and
Long.MIN_VALUE by -1 (it traps).
"""
import itertools
import struct

import torch

FLOATS = [-7.0, 7.0, -7.5, 7.5, 2.0, -2.0, 0.3, -0.3, 5.5, -3.0, 3.0, 1e-30, -1e30, 16777217.0, 0.0, -0.0,
          float("inf"), float("-inf"), float("nan")]
LONG_MIN, LONG_MAX = -2**63, 2**63 - 1
LONGS = [-7, 7, -2, 2, 1, -1, 3, -3, 0, 2**53 + 1, -(2**53 + 1), 2**53, 2**62 + 3, LONG_MAX, LONG_MIN, LONG_MIN + 1,
         1234567890123456789, -987654321987654321]
EXPONENTS = [0, 1, 2, 3, 5, 39, 40, 62, 63, 64, -1, -2, -3]


def bits(value, dtype):
    if dtype == torch.float32:
        return struct.unpack("<I", struct.pack("<f", value))[0]
    if dtype == torch.float64:
        return struct.unpack("<Q", struct.pack("<d", value))[0]
    return value & (2**64 - 1)


def emit(op, name, a, b, out):
    for x, y, z in zip(a.tolist(), b.tolist(), out.tolist()):
        print(op, name, bits(x, a.dtype), bits(y, b.dtype), bits(z, out.dtype))


def elementwise(f, a, b):
    """f one element at a time, which runs PyTorch's scalar kernel (c10's div_floor_floating, std::fmod).

    Its vectorised float32 path takes fmod from Sleef, which returns NaN where the quotient is huge (-1e30 fmod
    1e-30): torch.floor_divide(a, b) then differs between the first elements of a tensor and its scalar tail.
    """
    return torch.cat([f(x.reshape(1), y.reshape(1)) for x, y in zip(a, b)])


def random_floats(gen, n):
    """Values over many magnitudes and both signs, so that the quotients need rounding."""
    mantissa = torch.rand(n, generator=gen, dtype=torch.float64) * 2 - 1
    scale = torch.pow(10.0, torch.randint(-3, 8, (n,), generator=gen, dtype=torch.float64))
    return mantissa * scale


def main():
    gen = torch.Generator().manual_seed(2024)
    for dtype, name in [(torch.float32, "float32"), (torch.float64, "float64")]:
        pairs = list(itertools.product(FLOATS, FLOATS))
        a = torch.tensor([p[0] for p in pairs], dtype=dtype)
        b = torch.tensor([p[1] for p in pairs], dtype=dtype)
        a = torch.cat([a, random_floats(gen, 150).to(dtype)])
        b = torch.cat([b, random_floats(gen, 150).to(dtype)])
        emit("floor_divide", name, a, b, elementwise(torch.floor_divide, a, b))
        emit("remainder", name, a, b, elementwise(torch.remainder, a, b))
    pairs = [(x, y) for x, y in itertools.product(LONGS, LONGS) if y != 0 and not (x == LONG_MIN and y == -1)]
    a = torch.tensor([p[0] for p in pairs], dtype=torch.int64)
    b = torch.tensor([p[1] for p in pairs], dtype=torch.int64)
    for op, f in [("floor_divide", torch.floor_divide), ("remainder", torch.remainder)]:
        emit(op, "int64", a, b, f(a, b))
    pairs = list(itertools.product(LONGS, LONGS))
    a = torch.tensor([p[0] for p in pairs], dtype=torch.int64)
    b = torch.tensor([p[1] for p in pairs], dtype=torch.int64)
    for op, f in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul), ("div", torch.div)]:
        emit(op, "int64", a, b, f(a, b))
    pairs = list(itertools.product(LONGS, EXPONENTS))
    a = torch.tensor([p[0] for p in pairs], dtype=torch.int64)
    b = torch.tensor([p[1] for p in pairs], dtype=torch.int64)
    emit("pow", "int64", a, b, torch.pow(a, b))


if __name__ == "__main__":
    main()
