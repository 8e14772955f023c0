// Host program for FusedKernelHostTest: runs the per-element functions of lstm_cell.cu and bias_activation.cu
// over inputs drawn from the CounterRng stream (which the test regenerates bit for bit in Java) and prints every
// output, floats and doubles as raw bits. One line per array: `TAG case... values...`.
//   LSTM  type H batch hidden <hc>                       forward output [h | c']
//   LSTM  type G batch hidden <grad_gates> | <grad_c>    backward, from the hc printed above
//   BIAS  act outer channels inner Y <y>                 forward
//   BIAS  act outer channels inner X <grad_x>            backward, from the y printed above
//   BIAS  act outer channels inner B <grad_bias>         one thread's sequential sum per channel
//   BIAS  act outer channels inner S <grad_bias>         the same sums split over 3 strided threads
#include <cstdio>
#include <cstring>
#include <vector>
#include "bias_activation.cu"
#include "lstm_cell.cu"
#include "random.cu"

static unsigned long long raw_bits(double x) {
    unsigned long long b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

static unsigned long long raw_bits(float x) {
    unsigned int b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

// Element i of a fill on [low, high) with seed `seed`, stored as T: what core's uniform fill computes.
template <typename T> static std::vector<T> uniform(unsigned long long seed, int n, double low, double high) {
    std::vector<T> v(n);
    for (int i = 0; i < n; ++i) v[i] = (T)counter_rng_uniform_on(seed, i, low, high);
    return v;
}

template <typename T> static void print_values(const std::vector<T>& v) {
    for (T x : v) std::printf(" %llu", raw_bits(x));
}

template <typename T> static void lstm_case(const char* type, int batch, int hidden) {
    const int n = batch * hidden;
    const std::vector<T> gates = uniform<T>(1, 4 * n, -6, 6), c = uniform<T>(2, n, -2, 2), grad_hc = uniform<T>(3, 2 * n, -1, 1);
    std::vector<T> hc(2 * n), grad_gates(4 * n), grad_c(n);
    for (long long idx = 0; idx < n; ++idx) lstm_cell_forward_at(hc.data(), gates.data(), c.data(), hidden, idx);
    for (long long idx = 0; idx < n; ++idx)
        lstm_cell_backward_at(grad_gates.data(), grad_c.data(), gates.data(), c.data(), hc.data(), grad_hc.data(), hidden, idx);
    std::printf("LSTM %s H %d %d", type, batch, hidden);
    print_values(hc);
    std::printf("\nLSTM %s G %d %d", type, batch, hidden);
    print_values(grad_gates);
    print_values(grad_c);
    std::printf("\n");
}

static void bias_case(int act, int outer, int channels, int inner) {
    const int n = outer * channels * inner;
    const std::vector<float> x = uniform<float>(10, n, -4, 4), bias = uniform<float>(11, channels, -1, 1),
                             grad_out = uniform<float>(12, n, -1, 1);
    std::vector<float> y(n), grad_x(n), sequential(channels), split(channels);
    for (long long idx = 0; idx < n; ++idx) y[idx] = bias_activation_at(x.data(), bias.data(), channels, inner, act, idx);
    for (long long idx = 0; idx < n; ++idx) grad_x[idx] = bias_activation_grad_at(y.data(), grad_out.data(), act, idx);
    for (int ch = 0; ch < channels; ++ch) {
        sequential[ch] = (float)bias_grad_partial(grad_x.data(), outer, channels, inner, ch, 0, 1);
        double sum = 0;
        for (int thread = 0; thread < 3; ++thread) sum += bias_grad_partial(grad_x.data(), outer, channels, inner, ch, thread, 3);
        split[ch] = (float)sum;
    }
    const char* parts[] = {"Y", "X", "B", "S"};
    const std::vector<float>* values[] = {&y, &grad_x, &sequential, &split};
    for (int p = 0; p < 4; ++p) {
        std::printf("BIAS %d %d %d %d %s", act, outer, channels, inner, parts[p]);
        print_values(*values[p]);
        std::printf("\n");
    }
}

int main() {
    lstm_case<float>("f32", 3, 5);
    lstm_case<double>("f64", 4, 3);
    for (int act : {NABLA_UNARY_RELU, NABLA_UNARY_SIGMOID, NABLA_UNARY_TANH}) {
        bias_case(act, 3, 5, 4);  // a convolution's [N, C, H*W]
        bias_case(act, 4, 6, 1);  // a linear layer's [batch, features]
    }
    return 0;
}
