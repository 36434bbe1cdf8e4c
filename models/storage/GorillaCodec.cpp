#include "GorillaCodec.h"

#include "BitReader.h"
#include "BitWriter.h"

#include <array>
#include <bit>

namespace perfdash {

namespace {
    // Delta-of-delta buckets after a unary prefix of 0..4 ones ('0', '10', '110', '1110', '11110')
    // and the 5-ones prefix '11111' for a full 64-bit field. Widths hold the zigzag-coded value:
    // millisecond jitter fits the short ones, any gap (even years, or across the sign) the last.
    constexpr std::array<unsigned, 6> dodBucketBits { 0, 7, 9, 12, 32, 64 };
    constexpr unsigned maxDodPrefix = 5;

    std::uint64_t zigzag(std::uint64_t value) { return (value << 1) ^ std::uint64_t(std::int64_t(value) >> 63); }

    std::uint64_t unzigzag(std::uint64_t value) { return (value >> 1) ^ (std::uint64_t(0) - (value & 1)); }

    unsigned bucketFor(std::uint64_t zigzagged)
    {
        if (zigzagged == 0)
            return 0;
        for (unsigned bucket = 1; bucket < maxDodPrefix; ++bucket) {
            if (zigzagged >> dodBucketBits[bucket] == 0)
                return bucket;
        }
        return maxDodPrefix;
    }
}

void GorillaCodec::encode(
    const qint64* timestamps, const double* values, std::size_t n, std::vector<std::uint64_t>& words)
{
    BitWriter writer(words);
    if (n == 0) {
        writer.finish();
        return;
    }
    std::uint64_t previousTimestamp = std::uint64_t(timestamps[0]);
    std::uint64_t previousBits = std::bit_cast<std::uint64_t>(values[0]);
    writer.write(previousTimestamp, 64);
    writer.write(previousBits, 64);

    // All timestamp arithmetic is modulo 2^64 (unsigned), which the decoder mirrors exactly.
    std::uint64_t previousDelta = 0;
    unsigned windowLeading = 64; // no window yet: forces the first non-zero XOR to write one
    unsigned windowTrailing = 0;
    for (std::size_t i = 1; i < n; ++i) {
        const std::uint64_t timestamp = std::uint64_t(timestamps[i]);
        const std::uint64_t delta = timestamp - previousTimestamp;
        const std::uint64_t dod = zigzag(delta - previousDelta);
        const unsigned bucket = bucketFor(dod);
        // Prefix: `bucket` ones then a zero, except the last bucket which has no terminating zero.
        if (bucket < maxDodPrefix)
            writer.write((std::uint64_t { 1 } << (bucket + 1)) - 2, bucket + 1);
        else
            writer.write((std::uint64_t { 1 } << maxDodPrefix) - 1, maxDodPrefix);
        writer.write(dod, dodBucketBits[bucket]);
        previousDelta = delta;
        previousTimestamp = timestamp;

        const std::uint64_t bits = std::bit_cast<std::uint64_t>(values[i]);
        const std::uint64_t xored = bits ^ previousBits;
        previousBits = bits;
        if (xored == 0) {
            writer.writeBit(false);
            continue;
        }
        const unsigned leading = unsigned(std::countl_zero(xored));
        const unsigned trailing = unsigned(std::countr_zero(xored));
        if (windowLeading != 64 && leading >= windowLeading && trailing >= windowTrailing) {
            // Fits the previous meaningful-bit window: '10' + the window's bits.
            writer.write(0b10, 2);
            writer.write(xored >> windowTrailing, 64 - windowLeading - windowTrailing);
        } else {
            // New window: '11' + 6 bits leading zeros + 6 bits (length - 1) + the meaningful bits.
            const unsigned length = 64 - leading - trailing;
            writer.write(0b11, 2);
            writer.write(leading, 6);
            writer.write(length - 1, 6);
            writer.write(xored >> trailing, length);
            windowLeading = leading;
            windowTrailing = trailing;
        }
    }
    writer.finish();
}

void GorillaCodec::decode(const std::uint64_t* words, std::size_t n, qint64* timestamps, double* values)
{
    if (n == 0)
        return;
    BitReader reader(words);
    std::uint64_t timestamp = reader.read(64);
    std::uint64_t bits = reader.read(64);
    timestamps[0] = qint64(timestamp);
    values[0] = std::bit_cast<double>(bits);

    std::uint64_t delta = 0;
    unsigned windowLeading = 0;
    unsigned windowTrailing = 0;
    for (std::size_t i = 1; i < n; ++i) {
        // Count the prefix's ones from one 5-bit peek instead of bit by bit.
        const std::uint64_t prefix = reader.peek(maxDodPrefix);
        const unsigned ones = unsigned(std::countl_one(prefix << (64 - maxDodPrefix)));
        const unsigned bucket = ones < maxDodPrefix ? ones : maxDodPrefix;
        reader.skip(bucket < maxDodPrefix ? bucket + 1 : maxDodPrefix);
        if (bucket != 0)
            delta += unzigzag(reader.read(dodBucketBits[bucket]));
        timestamp += delta;
        timestamps[i] = qint64(timestamp);

        if (reader.readBit()) {
            if (reader.readBit()) {
                windowLeading = unsigned(reader.read(6));
                const unsigned length = unsigned(reader.read(6)) + 1;
                windowTrailing = 64 - windowLeading - length;
            }
            const unsigned length = 64 - windowLeading - windowTrailing;
            bits ^= reader.read(length) << windowTrailing;
        }
        values[i] = std::bit_cast<double>(bits);
    }
}

} // namespace perfdash
