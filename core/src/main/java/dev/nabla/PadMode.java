package dev.nabla;

/** How {@link Tensor#pad} fills the new border (PyTorch's {@code F.pad} modes). */
public enum PadMode {
    /** A constant value; negative pads crop. */
    CONSTANT,
    /** The mirror image without repeating the edge: {@code [a b c]} padded by 2 on the left is {@code [c b a b c]}. */
    REFLECT,
    /** The edge value repeated: {@code [a b c]} padded by 2 on the left is {@code [a a a b c]}. */
    REPLICATE
}
