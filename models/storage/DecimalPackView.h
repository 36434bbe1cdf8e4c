#pragma once

#include "DecimalPackLayout.h"

#include <QtGlobal>
#include <cstddef>
#include <cstdint>

namespace perfdash {

// Random access into a DecimalPack chunk: any timestamp or value in O(1), a time lookup by binary
// search and min/max of an index range via the block index. Every value of such a chunk is finite.
class DecimalPackView {
public:
    DecimalPackView(const DecimalPackLayout& layout, const std::uint64_t* words)
        : m_layout(layout)
        , m_words(words)
        , m_divisor(powerOf(layout.scale))
    {
    }

    std::size_t count() const { return m_layout.count; }
    qint64 timestampAt(std::size_t index) const { return qint64(m_layout.timestamps.at(m_words, index)); }
    // Scaled values order exactly like the doubles they stand for.
    std::int64_t scaledAt(std::size_t index) const { return std::int64_t(m_layout.scaledValues.at(m_words, index)); }
    double toValue(std::int64_t scaled) const { return double(scaled) / m_divisor; }
    double valueAt(std::size_t index) const { return toValue(scaledAt(index)); }

    // First index in [first, last) whose timestamp is >= timestampMs, or last.
    std::size_t lowerBound(std::size_t first, std::size_t last, qint64 timestampMs) const;
    // First index in [first, last) whose timestamp is > timestampMs, or last.
    std::size_t upperBound(std::size_t first, std::size_t last, qint64 timestampMs) const;
    struct RangeExtremes {
        std::size_t minIndex;
        std::int64_t minScaled;
        std::size_t maxIndex;
        std::int64_t maxScaled;
    };
    // The first minimum and first maximum in [first, last], first <= last, with their scaled values (so
    // callers need not touch the value bits again). An unwanted one is not searched for and comes back
    // as first.
    RangeExtremes argMinMax(std::size_t first, std::size_t last, bool wantMin = true, bool wantMax = true) const;

    void decode(qint64* timestamps, double* values) const;

private:
    static double powerOf(unsigned scale);
    // Timestamps exactly on their line (no residual bits), e.g. a simulated clock or aligned scrapes.
    bool isRegular() const { return m_layout.timestamps.width == 0 && m_layout.timestamps.step != 0; }

    const DecimalPackLayout& m_layout;
    const std::uint64_t* m_words;
    double m_divisor;
};

} // namespace perfdash
