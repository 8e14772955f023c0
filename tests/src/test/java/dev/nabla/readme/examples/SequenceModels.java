package dev.nabla.readme.examples;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.decoding.BeamSearch;
import dev.nabla.nn.decoding.Sampler;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.rnn.RecurrentOptions;
import dev.nabla.nn.rnn.RecurrentOutput;
import dev.nabla.nn.transformer.DecoderOnlyTransformer;
import dev.nabla.nn.transformer.TransformerConfig;
import java.util.Arrays;

public class SequenceModels {
    public static void main(String[] args) {
        Generator.manualSeed(2);
        // a 2-layer bidirectional LSTM over padded, batch-first sequences; padded steps are ignored
        Tensor x = Tensor.randn(3, 5, 64);                                   // [batch, time, features]
        Tensor lengths = Tensor.ofIndices(new int[] {5, 3, 1}, 3);           // int64 [batch]
        LSTM lstm = new LSTM(RecurrentOptions.of(64, 128).withLayers(2).withBidirectional(true).withBatchFirst(true));
        RecurrentOutput out = lstm.run(x, null, null, lengths);
        System.out.println("lstm output " + out.output().shape());           // [3, 5, 256]

        // a GPT-style model (untrained here), then beam search and nucleus sampling after a prompt
        int vocab = 12;
        int endToken = 11;
        int[] prompt = {1, 4, 5};
        var gpt = new DecoderOnlyTransformer(vocab, 256, new TransformerConfig(128, 4, 512, 0.1, true), 4);
        gpt.eval();
        var best = new BeamSearch(4, 20, 0.7).search(gpt.scorer(prompt), prompt[prompt.length - 1], endToken);
        int[] text = new Sampler(0.8, 0, 0.9, new Generator(1))
                .generate(gpt.scorer(prompt), prompt[prompt.length - 1], endToken, 100);
        System.out.println("beam hypotheses " + best.size() + ", sampled " + Arrays.toString(text));
    }
}
