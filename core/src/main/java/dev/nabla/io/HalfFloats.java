package dev.nabla.io;

/** IEEE 754 binary16 decoding (the JDK has it only from version 20). */
final class HalfFloats {

    private HalfFloats() {
    }

    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        float sign = (h & 0x8000) != 0 ? -1f : 1f;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            return sign * Math.scalb((float) mantissa, -24); // subnormal: mantissa · 2^-24
        }
        if (exponent == 31) {
            return mantissa == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        return sign * Math.scalb(1f + mantissa / 1024f, exponent - 15);
    }
}
