#pragma once

#include <optional>
#include <string_view>

namespace perfdash {

// Lru: evict the least recently used entry.
// TinyLfu: W-TinyLFU — a small LRU window in front of a segmented LRU main area; a window victim enters
//   the main area only when the frequency sketch rates it above the main area's victim, so one-off keys
//   cannot flush popular ones.
// Sieve: SIEVE (Zhang et al., NSDI 2024) — one FIFO queue and a visited bit; a hand walks from the oldest
//   entry towards the newest, clearing visited bits and evicting the first unvisited entry. A hit only
//   sets the bit: nothing moves.
// S3Fifo: S3-FIFO (Yang et al., SOSP 2023) — a small FIFO (10 %) that new keys enter, a main FIFO, and a
//   ghost FIFO of recently evicted keys. A key read at least twice while in the small queue moves to main
//   (the paper's freq > 1); one read less is evicted and remembered as a ghost; a ghost that comes back
//   goes straight to main. Main reinserts entries still being read (a 2-bit counter) and evicts the others.
enum class EvictionPolicy { Lru, TinyLfu, Sieve, S3Fifo };

// The names runs and sweeps use: "lru", "tinylfu", "sieve", "s3fifo".
constexpr std::optional<EvictionPolicy> evictionPolicyNamed(std::string_view name)
{
    if (name == "lru")
        return EvictionPolicy::Lru;
    if (name == "tinylfu")
        return EvictionPolicy::TinyLfu;
    if (name == "sieve")
        return EvictionPolicy::Sieve;
    if (name == "s3fifo")
        return EvictionPolicy::S3Fifo;
    return std::nullopt;
}

} // namespace perfdash
