package dev.nabla.readme.examples;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.SGD;

public class FirstModel {
    public static void main(String[] args) {
        Generator.manualSeed(0);
        Tensor x = Tensor.randn(256, 2);                                     // on Device.best(): cuda if usable, else cpu
        Tensor y = x.select(1, 0).mul(x.select(1, 1)).gt(0).to(DType.INT64); // XOR-like labels
        Sequential model = new Sequential(new Linear(2, 32), Activation.relu(), new Linear(32, 2));
        SGD opt = new SGD(model.parameters(), 0.1, 0.9);
        for (int step = 0; step < 500; step++) {
            Tensor loss = Functional.crossEntropy(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();                                                  // reverse-mode autodiff
            opt.step();
        }
        Tensor accuracy = model.forward(x).argmax(1, false).eq(y).to(DType.FLOAT32).mean();
        System.out.println("accuracy " + accuracy.item());
    }
}
