// Fused Adam / AdamW parameter update (PyTorch semantics), one thread per element (grid-stride).
#include "nabla_common.cuh"

// decoupled = 0 (Adam):  g += weightDecay * param (L2 penalty folded into the gradient)
// decoupled = 1 (AdamW): param -= lr * weightDecay * param before the Adam step
// m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2
// param -= lr * (m / biasCorrection1) / (sqrt(v / biasCorrection2) + eps)
// with biasCorrection1 = 1 - beta1^step and biasCorrection2 = 1 - beta2^step computed by the caller.
template <typename T>
__device__ void adam(T* param, T* expAvg, T* expAvgSq, const T* grad, int n, T lr, T beta1, T beta2, T eps, T weightDecay,
                     T biasCorrection1, T biasCorrection2, int decoupled) {
    NABLA_GRID_STRIDE(i, n) {
        T p = param[i];
        T g = grad[i];
        if (decoupled) {
            p -= lr * weightDecay * p;
        } else {
            g += weightDecay * p;
        }
        const T m = beta1 * expAvg[i] + (T(1) - beta1) * g;
        const T v = beta2 * expAvgSq[i] + (T(1) - beta2) * g * g;
        expAvg[i] = m;
        expAvgSq[i] = v;
        param[i] = p - lr * (m / biasCorrection1) / (sqrt(v / biasCorrection2) + eps);
    }
}

#define OPTIM_KERNELS(T, S)                                                                                       \
    extern "C" __global__ void adam_##S(T* param, T* expAvg, T* expAvgSq, const T* grad, int n, T lr, T beta1,     \
                                        T beta2, T eps, T weightDecay, T biasCorrection1, T biasCorrection2,      \
                                        int decoupled) {                                                          \
        adam(param, expAvg, expAvgSq, grad, n, lr, beta1, beta2, eps, weightDecay, biasCorrection1,               \
             biasCorrection2, decoupled);                                                                         \
    }

NABLA_FOR_FLOAT_TYPES(OPTIM_KERNELS)
