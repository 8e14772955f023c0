package dev.nabla.torch;

import static dev.nabla.torch.TorchFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Tensor;
import dev.nabla.nn.Activation;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Conv2dOptions;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.attention.AttentionMask;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.rnn.RecurrentOptions;
import dev.nabla.nn.rnn.RecurrentOutput;
import dev.nabla.nn.transformer.FeedForwardActivation;
import dev.nabla.nn.transformer.TransformerConfig;
import dev.nabla.nn.transformer.TransformerDecoderLayer;
import dev.nabla.nn.transformer.TransformerEncoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PyTorch models with random weights (written by {@code make_fixtures.py}) load into the matching Nabla modules
 * with {@code loadStateDict(map, strict = true)} under PyTorch's names, and give PyTorch's outputs to float32
 * tolerance.
 */
class TorchStateDictTest {

    private static final double FLOAT32 = 2e-5;

    /** Loads the fixture's {@code model.*} entries strictly into {@code module} (in eval mode) and returns them all. */
    private static Map<String, Tensor> loadInto(Module module, String file) {
        Map<String, Tensor> all = TorchFixtures.load(file);
        module.eval();
        module.loadStateDict(TorchFixtures.withPrefix(all, "model."), true);
        return all;
    }

    @Test
    void transformerEncoderOfTwoLayersWithKeyPadding() {
        // nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4, 32, dropout=0, batch_first=True), 2): post-norm, ReLU
        TransformerEncoder encoder = new TransformerEncoder(new TransformerConfig(16, 4, 32, 0, false), 2);
        Map<String, Tensor> f = loadInto(encoder, "transformer_encoder.safetensors");
        Tensor y = encoder.forward(f.get("input"), AttentionMask.keyPadding(f.get("key_padding_mask")));
        assertClose(f.get("output"), y, FLOAT32, "encoder output");
    }

    @Test
    void transformerDecoderLayerWithCausalMaskMemoryPaddingPreNormAndGelu() {
        // nn.TransformerDecoderLayer(16, 4, 24, dropout=0, activation="gelu", batch_first=True, norm_first=True)
        TransformerDecoderLayer layer = new TransformerDecoderLayer(
                new TransformerConfig(16, 4, 24, 0, true, FeedForwardActivation.GELU), true);
        Map<String, Tensor> f = loadInto(layer, "transformer_decoder_layer.safetensors");
        AttentionMask memoryMask = AttentionMask.keyPadding(f.get("memory_key_padding_mask"));
        // PyTorch's boolean tgt_mask (true above the diagonal = masked out), and the same as Nabla's causal mask
        Tensor viaIgnore = layer.forward(f.get("target"), f.get("memory"), AttentionMask.ignore(f.get("target_mask")),
                memoryMask, null);
        assertClose(f.get("output"), viaIgnore, FLOAT32, "decoder output, ignore mask");
        Tensor viaCausal = layer.forward(f.get("target"), f.get("memory"), AttentionMask.causal(), memoryMask, null);
        assertClose(f.get("output"), viaCausal, FLOAT32, "decoder output, causal mask");
    }

    @Test
    void oneLayerLstm() {
        // nn.LSTM(6, 8, num_layers=1, batch_first=True)
        LSTM lstm = new LSTM(RecurrentOptions.of(6, 8).withBatchFirst(true));
        Map<String, Tensor> f = loadInto(lstm, "lstm.safetensors");
        RecurrentOutput out = lstm.run(f.get("input"), null, null, null);
        assertClose(f.get("output"), out.output(), FLOAT32, "LSTM output");
        assertClose(f.get("h_n"), out.hidden(), FLOAT32, "final hidden state");
        assertClose(f.get("c_n"), out.cell(), FLOAT32, "final cell state");
    }

    @Test
    void smallCnnWithBatchNormStatisticsAndRectangularConvolution() {
        // nn.Sequential(Conv2d(1, 4, 3, padding=1), BatchNorm2d(4), ReLU(), MaxPool2d(2),
        //               Conv2d(4, 6, (3, 2), stride=(1, 2)), ReLU(), Flatten(), Linear(24, 3))
        Sequential cnn = new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), Activation.relu(), new MaxPool2d(2),
                new Conv2d(Conv2dOptions.of(4, 6, 3, 2).withStride(1, 2)), Activation.relu(), new Flatten(),
                new Linear(24, 3));
        Map<String, Tensor> f = loadInto(cnn, "cnn.safetensors");
        assertEquals(2, cnn.stateDict().get("1.num_batches_tracked").item(), "PyTorch's batch count loaded");
        assertClose(f.get("output"), cnn.forward(f.get("input")), FLOAT32, "CNN output");
    }

    @Test
    void strictLoadingNamesWhatDoesNotMatch() {
        Map<String, Tensor> f = TorchFixtures.withPrefix(TorchFixtures.load("transformer_encoder.safetensors"), "model.");
        TransformerEncoder oneLayer = new TransformerEncoder(new TransformerConfig(16, 4, 32, 0, false), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> oneLayer.loadStateDict(f, true));
        assertTrue(e.getMessage().contains("unexpected keys [layers.1.linear1.bias"), e.getMessage());
    }
}
