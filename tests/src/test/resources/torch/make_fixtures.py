#!/usr/bin/python3
"""Writes the PyTorch reference fixtures that the tests/ module compares Nabla against.

Run by hand (not by CI) from the repository root with PyTorch 1.13:

    /usr/bin/python3 tests/src/test/resources/torch/make_fixtures.py

Every file is safetensors, written here by hand (8-byte little-endian header length, a JSON header,
raw little-endian data) because the `safetensors` package is not available:

- layers.safetensors: pooling (ceil mode, dilation, rectangular windows), convolutions ("same"
  padding, rectangular strides, ConvTranspose1d), GroupNorm, InstanceNorm and interpolation, each
  with its input, the upstream gradient `*.g` and PyTorch's output and input gradients (float64);
- training.safetensors: learning rates of the schedulers step by step, and clip_grad_norm_ for
  several norm types;
- transformer_encoder / transformer_decoder_layer / lstm / cnn .safetensors: a small model with
  random weights under PyTorch's state-dict names prefixed "model.", one input and PyTorch's output
  (float32, eval mode).
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = {torch.float32: ("F32", "f"), torch.float64: ("F64", "d"), torch.int64: ("I64", "q")}


def write_safetensors(name, tensors):
    """Writes {name: tensor} in insertion order, the data sections tiling the buffer."""
    header, chunks, offset = {}, [], 0
    for key, t in tensors.items():
        t = t.detach().contiguous().cpu()
        code, fmt = DTYPES[t.dtype]
        data = struct.pack("<%d%s" % (t.numel(), fmt), *t.flatten().tolist())
        header[key] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)


def with_grads(out, prefix, fn, inputs, seed):
    """Stores fn(*inputs), a random upstream gradient and the gradient of every input under prefix."""
    leaves = [x.detach().clone().requires_grad_(True) for x in inputs]
    y = fn(*leaves)
    g = torch.randn(y.shape, dtype=y.dtype, generator=torch.Generator().manual_seed(seed))
    grads = torch.autograd.grad(y, leaves, g)
    out[prefix + ".y"] = y
    out[prefix + ".g"] = g
    for i, d in enumerate(grads):
        out["%s.d%d" % (prefix, i)] = d


def layers():
    torch.manual_seed(0)
    out = {}
    x = torch.randn(2, 3, 7, 8, dtype=torch.float64)
    out["pool.x"] = x
    with_grads(out, "pool.max_dilated_ceil",
               lambda t: F.max_pool2d(t, (3, 2), (2, 1), (1, 1), (2, 1), ceil_mode=True), [x], 1)
    with_grads(out, "pool.max_ceil", lambda t: F.max_pool2d(t, 3, 2, 0, 1, ceil_mode=True), [x], 2)
    with_grads(out, "pool.avg_ceil_pad",
               lambda t: F.avg_pool2d(t, (3, 2), (2, 2), (1, 1), ceil_mode=True, count_include_pad=True), [x], 3)
    with_grads(out, "pool.avg_ceil_nopad",
               lambda t: F.avg_pool2d(t, (3, 2), (2, 2), (1, 1), ceil_mode=True, count_include_pad=False), [x], 4)
    with_grads(out, "pool.avg_ceil", lambda t: F.avg_pool2d(t, 2, ceil_mode=True), [x], 5)

    cx = torch.randn(2, 3, 6, 7, dtype=torch.float64)
    out["conv.x"] = cx
    w_same = torch.randn(4, 3, 4, 3, dtype=torch.float64)
    b_same = torch.randn(4, dtype=torch.float64)
    out["conv.same.w"], out["conv.same.b"] = w_same, b_same
    with_grads(out, "conv.same", lambda t, w, b: F.conv2d(t, w, b, padding="same", dilation=(1, 2)),
               [cx, w_same, b_same], 6)
    w_rect = torch.randn(4, 3, 3, 5, dtype=torch.float64)
    b_rect = torch.randn(4, dtype=torch.float64)
    out["conv.rect.w"], out["conv.rect.b"] = w_rect, b_rect
    with_grads(out, "conv.rect", lambda t, w, b: F.conv2d(t, w, b, stride=(2, 1), padding=(1, 2)),
               [cx, w_rect, b_rect], 7)
    x1 = torch.randn(2, 2, 9, dtype=torch.float64)
    w1 = torch.randn(3, 2, 4, dtype=torch.float64)
    out["conv1d.x"], out["conv1d.same.w"] = x1, w1
    with_grads(out, "conv1d.same", lambda t, w: F.conv1d(t, w, padding="same"), [x1, w1], 8)
    xt = torch.randn(2, 4, 5, dtype=torch.float64)
    wt = torch.randn(4, 3, 3, dtype=torch.float64)  # [Cin, Cout / groups, K], groups 2
    bt = torch.randn(6, dtype=torch.float64)
    out["convT1d.x"], out["convT1d.w"], out["convT1d.b"] = xt, wt, bt
    with_grads(out, "convT1d", lambda t, w, b: F.conv_transpose1d(t, w, b, stride=2, padding=1, output_padding=1,
                                                                   groups=2, dilation=2), [xt, wt, bt], 9)

    gx = torch.randn(2, 6, 3, 4, dtype=torch.float64)
    gw = torch.randn(6, dtype=torch.float64)
    gb = torch.randn(6, dtype=torch.float64)
    out["group.x"], out["group.w"], out["group.b"] = gx, gw, gb
    with_grads(out, "group", lambda t, w, b: F.group_norm(t, 3, w, b, 1e-5), [gx, gw, gb], 10)

    ix = torch.randn(2, 3, 4, 5, dtype=torch.float64)
    iw = torch.randn(3, dtype=torch.float64)
    ib = torch.randn(3, dtype=torch.float64)
    out["instance.x"], out["instance.w"], out["instance.b"] = ix, iw, ib
    with_grads(out, "instance", lambda t, w, b: F.instance_norm(t, weight=w, bias=b), [ix, iw, ib], 11)
    norm = nn.InstanceNorm2d(3, momentum=0.2, affine=True, track_running_stats=True).double()
    with torch.no_grad():
        norm.weight.copy_(iw)
        norm.bias.copy_(ib)
    second = torch.randn(3, 3, 2, 6, dtype=torch.float64)
    out["instance.second"] = second
    norm(ix)
    norm(second)
    out["instance.running_mean"] = norm.running_mean
    out["instance.running_var"] = norm.running_var
    out["instance.num_batches_tracked"] = norm.num_batches_tracked
    norm.eval()
    out["instance.eval"] = norm(ix)
    one_d = torch.randn(3, 5, dtype=torch.float64)
    out["instance1d.x"] = one_d
    out["instance1d.y"] = nn.InstanceNorm1d(3)(one_d)

    ux = torch.randn(1, 2, 4, 5, dtype=torch.float64)
    out["interp.x"] = ux
    with_grads(out, "interp.nearest_size", lambda t: F.interpolate(t, size=(7, 3), mode="nearest"), [ux], 12)
    with_grads(out, "interp.nearest_scale", lambda t: F.interpolate(t, scale_factor=1.5, mode="nearest"), [ux], 13)
    with_grads(out, "interp.bilinear_size",
               lambda t: F.interpolate(t, size=(7, 9), mode="bilinear", align_corners=False), [ux], 14)
    with_grads(out, "interp.bilinear_size_aligned",
               lambda t: F.interpolate(t, size=(7, 9), mode="bilinear", align_corners=True), [ux], 15)
    with_grads(out, "interp.bilinear_scale",
               lambda t: F.interpolate(t, scale_factor=(1.7, 0.6), mode="bilinear", align_corners=False), [ux], 16)
    with_grads(out, "interp.bilinear_down_aligned",
               lambda t: F.interpolate(t, size=(1, 3), mode="bilinear", align_corners=True), [ux], 17)
    write_safetensors("layers.safetensors", out)


def learning_rates(make, steps, base=0.1):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
    scheduler = make(opt)
    rates = [opt.param_groups[0]["lr"]]
    for _ in range(steps):
        opt.step()
        scheduler.step()
        rates.append(opt.param_groups[0]["lr"])
    return torch.tensor(rates, dtype=torch.float64)


def training():
    s = torch.optim.lr_scheduler
    out = {
        "lr.one_cycle": learning_rates(lambda o: s.OneCycleLR(o, max_lr=0.1, total_steps=20), 20),
        "lr.one_cycle_three_phase_linear": learning_rates(
            lambda o: s.OneCycleLR(o, max_lr=0.1, total_steps=25, pct_start=0.25, anneal_strategy="linear",
                                   div_factor=10, final_div_factor=100, three_phase=True), 25),
        "lr.warm_restarts": learning_rates(lambda o: s.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.01), 30),
        "lr.warm_restarts_fixed": learning_rates(lambda o: s.CosineAnnealingWarmRestarts(o, T_0=4), 13),
        "lr.linear": learning_rates(lambda o: s.LinearLR(o, start_factor=1 / 3, end_factor=0.9, total_iters=5), 9),
        "lr.polynomial": learning_rates(lambda o: s.PolynomialLR(o, total_iters=6, power=2.0), 9),
        "lr.sequential": learning_rates(lambda o: s.SequentialLR(o, [
            s.LinearLR(o, start_factor=0.1, total_iters=4),
            s.CosineAnnealingLR(o, T_max=6, eta_min=0.001),
            s.PolynomialLR(o, total_iters=5, power=1.5)], milestones=[4, 10]), 18),
    }
    torch.manual_seed(1)
    grads = [torch.randn(3, 4, dtype=torch.float64), torch.randn(5, dtype=torch.float64)]
    out["clip.g0"], out["clip.g1"] = grads
    for name, p in (("1", 1.0), ("2", 2.0), ("3", 3.0), ("inf", math.inf)):
        params = [torch.zeros_like(g, requires_grad=True) for g in grads]
        for param, g in zip(params, grads):
            param.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(params, max_norm=0.5, norm_type=p)
        out["clip.p%s.total" % name] = total.reshape(1)
        out["clip.p%s.g0" % name] = params[0].grad
        out["clip.p%s.g1" % name] = params[1].grad
    write_safetensors("training.safetensors", out)


def randomised(module, seed):
    """Random weights everywhere (biases and norm parameters too), so no parameter hides behind its init."""
    torch.manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * 0.5)
    return module


def model_file(name, module, tensors):
    out = {"model." + k: v for k, v in module.state_dict().items()}
    out.update(tensors)
    write_safetensors(name, out)


def models():
    layer = nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, dropout=0.0, batch_first=True)
    encoder = randomised(nn.TransformerEncoder(layer, 2, enable_nested_tensor=False), 2).eval()
    torch.manual_seed(3)
    x = torch.randn(2, 5, 16)
    padding = torch.tensor([[False, False, False, True, True], [False, False, False, False, False]])
    with torch.no_grad():
        y = encoder(x, src_key_padding_mask=padding)
    model_file("transformer_encoder.safetensors", encoder,
               {"input": x, "key_padding_mask": padding.to(torch.int64), "output": y})

    decoder = randomised(nn.TransformerDecoderLayer(16, 4, dim_feedforward=24, dropout=0.0, activation="gelu",
                                                    batch_first=True, norm_first=True), 4).eval()
    torch.manual_seed(5)
    target = torch.randn(2, 4, 16)
    memory = torch.randn(2, 6, 16)
    causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
    memory_padding = torch.tensor([[False] * 6, [False] * 4 + [True] * 2])
    with torch.no_grad():
        y = decoder(target, memory, tgt_mask=causal, memory_key_padding_mask=memory_padding)
    model_file("transformer_decoder_layer.safetensors", decoder,
               {"target": target, "memory": memory, "target_mask": causal.to(torch.int64),
                "memory_key_padding_mask": memory_padding.to(torch.int64), "output": y})

    lstm = randomised(nn.LSTM(6, 8, num_layers=1, batch_first=True), 6).eval()
    torch.manual_seed(7)
    x = torch.randn(3, 5, 6)
    with torch.no_grad():
        y, (h, c) = lstm(x)
    model_file("lstm.safetensors", lstm, {"input": x, "output": y, "h_n": h, "c_n": c})

    cnn = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(4, 6, (3, 2), stride=(1, 2)), nn.ReLU(), nn.Flatten(), nn.Linear(6 * 2 * 2, 3))
    randomised(cnn, 8)
    torch.manual_seed(9)
    with torch.no_grad():
        for _ in range(2):  # training batches move the running statistics and count num_batches_tracked
            cnn(torch.randn(4, 1, 8, 8))
    cnn.eval()
    x = torch.randn(2, 1, 8, 8)
    with torch.no_grad():
        y = cnn(x)
    model_file("cnn.safetensors", cnn, {"input": x, "output": y})


if __name__ == "__main__":
    layers()
    training()
    models()
    print("wrote", sorted(f for f in os.listdir(HERE) if f.endswith(".safetensors")))
