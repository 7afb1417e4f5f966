"""Latency budget of one LLM request: time to first token, time per output token, total.

    ttft = queue + 1000 * prompt_tokens / prefill_tps          (prefill: the whole prompt)
    tpot = 1000 / decode_tps                                    (decode: one token at a time)
    e2e  = ttft + (output_tokens - 1) * tpot                    (the first token ends prefill)

    python3 latency_budget.py --prompt-tokens 2000 --output-tokens 200 \\
        --prefill-tps 8000 --decode-tps 40 --queue-ms 50 --budget-ms 5000
"""

from __future__ import annotations

import argparse


def budget(prompt_tokens: int, output_tokens: int, prefill_tps: float, decode_tps: float,
           queue_ms: float = 0.0) -> dict[str, float]:
    ttft = queue_ms + 1000.0 * prompt_tokens / prefill_tps
    tpot = 1000.0 / decode_tps
    e2e = ttft + (output_tokens - 1) * tpot
    return {"ttft_ms": ttft, "tpot_ms": tpot, "e2e_ms": e2e}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt-tokens", type=int, required=True)
    parser.add_argument("--output-tokens", type=int, required=True)
    parser.add_argument("--prefill-tps", type=float, required=True, help="prompt tokens processed per second")
    parser.add_argument("--decode-tps", type=float, required=True, help="output tokens per second, per request")
    parser.add_argument("--queue-ms", type=float, default=0.0, help="time waiting for a batch slot")
    parser.add_argument("--budget-ms", type=float, required=True, help="end-to-end target")
    args = parser.parse_args()
    if args.prompt_tokens < 0 or args.output_tokens < 1:
        parser.error("--prompt-tokens must be >= 0 and --output-tokens >= 1")
    if args.prefill_tps <= 0 or args.decode_tps <= 0 or args.queue_ms < 0:
        parser.error("throughputs must be positive and --queue-ms not negative")

    result = budget(args.prompt_tokens, args.output_tokens, args.prefill_tps, args.decode_tps, args.queue_ms)
    for key, value in result.items():
        print(f"{key}={round(value)}")
    print(f"within_budget={'yes' if result['e2e_ms'] <= args.budget_ms else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
