"""Reference GPU training throughput of the DeFactifyNet shape, measured with PyTorch itself.

DJL's PyTorch engine drives the same libtorch kernels, so this is what a training step of DeFactifyNet costs on a
GPU before any Java-side overhead: torchvision's ResNet-50 backbone, a 1-logit binary head and a 6-logit source
head on the pooled 2048 features, loss = BCE-with-logits + cross-entropy, AdamW, synthetic batches already on the
GPU (data loading excluded, measured separately in Java). Prints images/s per batch size and precision.

Usage: python3 pytorch_reference_throughput.py [--steps 30] [--batches 64,128,256]
"""
import argparse
import time

import torch
import torch.nn as nn
import torchvision


class DeFactifyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = torchvision.models.resnet50(weights=None)
        self.backbone.fc = nn.Identity()
        self.binary_head = nn.Linear(2048, 1)
        self.source_head = nn.Linear(2048, 6)

    def forward(self, x):
        features = self.backbone(x)
        return self.binary_head(features), self.source_head(features)


def measure(batch, precision, steps, warmup=8):
    torch.manual_seed(42)
    net = DeFactifyNet().cuda().to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    images = torch.randn(batch, 3, 224, 224, device="cuda").to(memory_format=torch.channels_last)
    source = torch.randint(0, 6, (batch,), device="cuda")
    ai = (source > 0).float().unsqueeze(1)
    bce, ce = nn.BCEWithLogitsLoss(), nn.CrossEntropyLoss()
    dtype = torch.bfloat16 if precision == "bf16" else None

    def step():
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=dtype is not None):
            ai_logit, source_logits = net(images)
            loss = bce(ai_logit.float(), ai) + ce(source_logits.float(), source)
        loss.backward()
        optimizer.step()

    for _ in range(warmup):
        step()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    return batch * steps / elapsed, torch.cuda.max_memory_allocated() / 2**30


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--batches", default="64,128,256")
    args = parser.parse_args()
    torch.backends.cudnn.benchmark = True
    print(f"device {torch.cuda.get_device_name()}, torch {torch.__version__}, cudnn {torch.backends.cudnn.version()}")
    print(f"TF32 for matmul: {torch.backends.cuda.matmul.allow_tf32}, for convolutions: {torch.backends.cudnn.allow_tf32}")
    print("| batch | precision | images/s | peak GPU memory GiB |")
    print("|---|---|---|---|")
    for batch in [int(b) for b in args.batches.split(",")]:
        for precision in ("fp32", "bf16"):
            rate, memory = measure(batch, precision, args.steps)
            print(f"| {batch} | {precision} | {rate:.0f} | {memory:.1f} |", flush=True)
            torch.cuda.reset_peak_memory_stats()


if __name__ == "__main__":
    main()
