package dev.nabla.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.models.train.Samples;
import dev.nabla.models.train.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour of the sequence zoo models beyond the contract every zoo model keeps (see ZooModelsTest). */
class SequenceZooTest {

    private static Session open(String name, int epochs) {
        ZooModel model = Zoo.get(name);
        return model.open(new TrainOptions(epochs, 16, 0, Device.CPU, 3, null, null).resolve(model.defaults()));
    }

    @Test
    void gptAdditionSamplesAreProblemsWithTheirAnswersInReadingOrder() {
        List<String> lines = open("gpt-addition", 1).sample(3).map(Samples::text).orElseThrow();
        assertEquals(3, lines.size());
        for (String line : lines) {
            // e.g. "123+456=0579$  right" or "... wrong, expected 123+456=0579"
            assertTrue(line.matches("\\d{3}\\+\\d{3}=\\S*  (right|wrong, expected \\d{3}\\+\\d{3}=\\d{4})"), line);
        }
    }

    @Test
    void seq2seqReportsGreedyAndBeamOnTheSameProblems() {
        Session session = open("seq2seq-reverse", 1);
        session.trainStep(1, 0);
        Map<String, Double> metrics = session.evaluate();
        assertEquals(List.of("test_loss", "greedy_exact_match", "greedy_exact_match_beam_subset", "beam_exact_match"),
                List.copyOf(metrics.keySet()));
        metrics.values().forEach(v -> assertTrue(v >= 0 && Double.isFinite(v), metrics.toString()));
    }

    @Test
    void bertFineTuningStartsFromThePretrainedEncoder() {
        Session session = open("bert-digits", 2);
        session.trainStep(1, 0); // pre-training
        Map<String, Tensor> before = session.model().stateDict();
        String weight = "tokens.weight";
        assertFalse(before.get("finetuned." + weight).allClose(before.get("pretrained." + weight), 0, 0.1));
        session.trainStep(2, 0); // the last epoch fine-tunes
        Map<String, Tensor> after = session.model().stateDict();
        // the copy was moved by one Adam step of at most about lr = 1e-3 per entry
        assertTrue(after.get("finetuned." + weight).allClose(after.get("pretrained." + weight), 0, 2e-3));
        assertTrue(after.get("pretrained." + weight).allClose(before.get("pretrained." + weight), 0, 0),
                "fine-tuning must leave the pre-trained network alone");
        assertFalse(after.get("scratch." + weight).allClose(after.get("pretrained." + weight), 0, 0.1),
                "the scratch classifier must not see the pre-trained weights");
    }
}
