package dev.nabla.models.nets;

import dev.nabla.Generator;
import dev.nabla.nn.Activation;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Init;
import dev.nabla.nn.Sequential;

/** Small building blocks shared by the convolutional networks of the zoo. */
public final class ConvBlocks {

    private ConvBlocks() {
    }

    /** A 3×3, stride-1, same-padding convolution without bias (a batch norm follows), He-initialised. */
    public static Conv2d conv3x3(int in, int out, int stride) {
        return he(new Conv2d(in, out, 3, stride, 1, 1, 1, false));
    }

    /** He (Kaiming) normal initialisation for a convolution followed by ReLU, fan-out mode as in ResNet. */
    public static Conv2d he(Conv2d conv) {
        Init.kaimingNormal(conv.weight().get(), 0, Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU, Generator.global());
        return conv;
    }

    /** conv 3×3 → batch norm → ReLU. */
    public static Sequential convBnRelu(int in, int out) {
        return new Sequential(conv3x3(in, out, 1), new BatchNorm2d(out), Activation.relu());
    }

    /** Two conv 3×3 → batch norm → ReLU stages, the unit of each U-Net level. */
    public static Sequential doubleConv(int in, int out) {
        return new Sequential(convBnRelu(in, out), convBnRelu(out, out));
    }

}
