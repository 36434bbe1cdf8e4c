#pragma once

namespace perfdash {

// Lru: evict the least recently used entry. TinyLfu: W-TinyLFU — a small LRU window in front of a
// segmented LRU main area; a window victim enters the main area only when the frequency sketch rates
// it above the main area's victim, so one-off keys cannot flush popular ones.
enum class EvictionPolicy { Lru, TinyLfu };

} // namespace perfdash
