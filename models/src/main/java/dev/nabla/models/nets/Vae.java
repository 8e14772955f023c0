package dev.nabla.models.nets;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Losses;
import dev.nabla.nn.Module;
import dev.nabla.nn.Reduction;

/**
 * A variational autoencoder (Kingma and Welling, 2013) with a Gaussian encoder q(z|x) = N(μ, σ²),
 * a standard normal prior and a Bernoulli decoder. Training maximises the evidence lower bound
 * ELBO = E[log p(x|z)] − KL(q(z|x) ‖ p(z)), sampling z = μ + σ·ε (the reparameterisation trick) so
 * that gradients flow through μ and σ.
 */
public class Vae extends Module {

    private final Mlp encoder;
    private final Linear mean;
    private final Linear logVariance;
    private final Mlp decoder;
    private final int latent;

    /**
     * @param pixels input size
     * @param hidden hidden width of encoder and decoder
     * @param latent dimension of z
     */
    public Vae(int pixels, int hidden, int latent) {
        this.latent = latent;
        encoder = registerModule("encoder", new Mlp(pixels, hidden));
        mean = registerModule("mean", new Linear(hidden, latent));
        logVariance = registerModule("log_variance", new Linear(hidden, latent));
        decoder = registerModule("decoder", new Mlp(latent, hidden, pixels));
    }

    /**
     * The negative ELBO per sample and its two parts, averaged over the batch, in nats.
     *
     * @param x inputs in [0, 1], {@code [B, pixels]} or images
     * @param noise standard normal noise {@code [B, latent]} for the reparameterisation
     */
    public Elbo elbo(Tensor x, Tensor noise) {
        Tensor flat = x.reshape(x.size(0), -1);
        Tensor h = encoder.forward(flat).relu();
        Tensor mu = mean.forward(h);
        Tensor logVar = logVariance.forward(h);
        Tensor z = mu.add(logVar.mul(0.5).exp().mul(noise));
        double batch = x.size(0);
        Tensor reconstruction = Losses.bceWithLogits(decoder.forward(z), flat, null, null, Reduction.SUM).div(batch);
        // KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (μ² + σ² − log σ² − 1)
        Tensor kl = mu.mul(mu).add(logVar.exp()).sub(logVar).sub(1).sum().mul(0.5 / batch);
        return new Elbo(reconstruction.add(kl), reconstruction, kl);
    }

    /** Reconstruction logits from the posterior mean (deterministic). */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = encoder.forward(x.reshape(x.size(0), -1)).relu();
        return decoder.forward(mean.forward(h));
    }

    /** {@code count} images in [0, 1] decoded from prior samples z ~ N(0, I). */
    public Tensor sample(int count, Generator gen) {
        Tensor z = Tensor.normal(gen, 0, 1, mean.weight().get().dtype(), mean.weight().get().device(), count, latent);
        return decoder.forward(z).sigmoid();
    }

    /** The dimension of z. */
    public int latent() {
        return latent;
    }

    /**
     * The loss terms, each a scalar averaged over the batch.
     *
     * @param loss the negative ELBO (reconstruction + KL)
     * @param reconstruction the expected negative log-likelihood of x
     * @param kl the KL divergence from the prior
     */
    public record Elbo(Tensor loss, Tensor reconstruction, Tensor kl) {
    }
}
