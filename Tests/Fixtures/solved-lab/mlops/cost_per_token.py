"""What a million generated tokens cost on rented accelerators.

    usd per 1M tokens = (gpu_hourly_usd * gpus) / (tokens_per_second * 3600 * utilization) * 1e6

tokens_per_second is the deployment's throughput at full load (all its GPUs together);
utilization is the share of the hour it actually runs at that load.

    python3 cost_per_token.py --gpu-hourly-usd 2.50 --tokens-per-second 1500 --utilization 0.6
"""

from __future__ import annotations

import argparse


def usd_per_million_tokens(gpu_hourly_usd: float, gpus: int, tokens_per_second: float,
                           utilization: float) -> float:
    tokens_per_hour = tokens_per_second * 3600 * utilization
    return gpu_hourly_usd * gpus / tokens_per_hour * 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpu-hourly-usd", type=float, required=True, help="price of one GPU-hour")
    parser.add_argument("--gpus", type=int, default=1)
    parser.add_argument("--tokens-per-second", type=float, required=True, help="deployment throughput at full load")
    parser.add_argument("--utilization", type=float, required=True, help="0 < U <= 1")
    args = parser.parse_args()
    if args.gpu_hourly_usd < 0 or args.gpus < 1 or args.tokens_per_second <= 0:
        parser.error("prices must be >= 0, --gpus >= 1, --tokens-per-second > 0")
    if not 0 < args.utilization <= 1:
        parser.error("--utilization must be in (0, 1]")

    cost = usd_per_million_tokens(args.gpu_hourly_usd, args.gpus, args.tokens_per_second, args.utilization)
    print(f"usd_per_million_tokens={cost:.2f}")
    print(f"usd_per_hour={args.gpu_hourly_usd * args.gpus:.2f}")
    print(f"tokens_per_hour={args.tokens_per_second * 3600 * args.utilization:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
