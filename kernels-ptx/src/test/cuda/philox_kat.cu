// Host program: prints philox4x32_10 from random.cu for the Random123 known-answer inputs, one line each.
#include <cstdio>
#include "random.cu"

int main() {
    const unsigned int inputs[3][6] = {
        {0u, 0u, 0u, 0u, 0u, 0u},
        {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
        {0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u},
    };
    for (const auto& in : inputs) {
        Philox4 r = philox4x32_10(Philox4{{in[0], in[1], in[2], in[3]}}, in[4], in[5]);
        std::printf("%08x %08x %08x %08x\n", r.v[0], r.v[1], r.v[2], r.v[3]);
    }
    return 0;
}
