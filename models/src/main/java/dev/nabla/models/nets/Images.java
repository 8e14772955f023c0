package dev.nabla.models.nets;

import dev.nabla.Tensor;

/** Input checks shared by the image networks, so a wrong shape fails with the network's name. */
final class Images {

    private Images() {
    }

    /**
     * Checks that {@code input} is {@code [N, channels, side, side]}, or {@code [N, channels, H, W]}
     * with any sides when {@code side} is 0.
     *
     * @throws IllegalArgumentException naming {@code net} and the shape otherwise
     */
    static void check(String net, Tensor input, int channels, int side) {
        boolean sidesOk = side == 0 || input.rank() == 4 && input.size(2) == side && input.size(3) == side;
        if (input.rank() != 4 || input.size(1) != channels || !sidesOk) {
            String sides = side == 0 ? "H, W" : side + ", " + side;
            throw new IllegalArgumentException(net + ": expected input [N, " + channels + ", " + sides + "], got "
                    + input.shape());
        }
    }
}
