#pragma once

#include <QtGlobal>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace perfdash {

// Facebook Gorilla compression (Pelkonen et al., VLDB 2015) of one chunk: delta-of-delta timestamps
// in prefix-coded buckets, values as XOR against the previous value's bits. Works on the raw bit
// patterns, so every double (NaN payloads, infinities, -0.0, denormals) comes back bit-exact, and the
// modular timestamp arithmetic copes with any gap between qint64 timestamps.
class GorillaCodec {
public:
    // Appends the encoded chunk (n >= 1) to words, ending with BitWriter::finish()'s padding word.
    static void encode(
        const qint64* timestamps, const double* values, std::size_t n, std::vector<std::uint64_t>& words);
    // Decodes n samples of a chunk written by encode.
    static void decode(const std::uint64_t* words, std::size_t n, qint64* timestamps, double* values);
};

} // namespace perfdash
