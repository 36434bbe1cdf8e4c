#!/usr/bin/env python3
"""Writes agent-cache-trace.csv.gz: a small, real-shaped key trace of the seed team's two-tier cache.

One hour of requests to an agent platform's cache (timestamp in seconds, key), made to have what real
cache traces have and Zipf alone lacks:
  - skewed popularity (Zipf 0.9) over sessions, prompts and agent states, with the hot set drifting:
    every ten minutes a new batch of objects becomes the most popular;
  - one-hit wonders: a fifth of the requests are keys seen once (ad-hoc prompts);
  - scans: every fifteen minutes a batch job reads 3,000 agent results in order, once;
  - bursty arrivals: Poisson with a rate that swings over the hour.
Deterministic: the same bytes every run (fixed seed, gzip mtime 0). Run it from anywhere:
    python3 resources/traces/generate_agent_cache_trace.py
"""
import bisect
import gzip
import math
import os
import random

REQUESTS = 100_000
SECONDS = 3600.0
OBJECTS = 20_000
START = 1_764_576_000  # 2025-12-01T08:00:00Z


def zipf_table(n, s):
    weights = [1.0 / (rank ** s) for rank in range(1, n + 1)]
    total = sum(weights)
    cumulative, acc = [], 0.0
    for weight in weights:
        acc += weight / total
        cumulative.append(acc)
    return cumulative


def object_key(index):
    # Three kinds of object, as in the seed's cache: LLM prompt results, agent state, user sessions.
    kind = index % 3
    if kind == 0:
        return f"llm:prompt:{index * 2654435761 % 4294967296:08x}"
    if kind == 1:
        return f"agent:{index // 3}:state"
    return f"user:{index // 3}:session"


def main():
    random.seed(20251201)
    cumulative = zipf_table(OBJECTS, 0.9)
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "agent-cache-trace.csv.gz")
    rows = []
    t = 0.0
    unique = 0
    next_scan = 15 * 60.0
    while len(rows) < REQUESTS:
        # The rate swings between 15 and 40 requests a second over the hour.
        rate = 27.5 + 12.5 * math.sin(2 * math.pi * t / SECONDS)
        t += random.expovariate(rate)
        if t >= next_scan:
            for i in range(3000):
                rows.append((t + i * 0.002, f"agent:result:{int(next_scan) * 10 + i}"))
            next_scan += 15 * 60.0
            continue
        if random.random() < 0.2:
            unique += 1
            rows.append((t, f"llm:adhoc:{unique:07d}"))
            continue
        rank = bisect.bisect_left(cumulative, random.random())
        # The hot set drifts: every ten minutes the ranks map onto a shifted range of objects.
        shift = int(t // 600) * 1500
        rows.append((t, object_key((rank + shift) % (OBJECTS + 6 * 1500))))
    rows.sort(key=lambda row: row[0])
    rows = rows[:REQUESTS]
    with open(out_path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as packed:
            packed.write(b"timestamp,key\n")
            for when, key in rows:
                packed.write(f"{START + when:.3f},{key}\n".encode())
    print(f"wrote {out_path}: {len(rows)} requests")


if __name__ == "__main__":
    main()
