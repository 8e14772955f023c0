package dev.nabla.nn;

/** How {@link Functional#interpolate} and {@link Upsample} compute a resized image. */
public enum InterpolationMode {

    /** PyTorch's {@code "nearest"}: each output pixel copies the input pixel at {@code floor(dst · in / out)}. */
    NEAREST,

    /** PyTorch's {@code "bilinear"}: a weighted average of the four nearest input pixels. */
    BILINEAR
}
