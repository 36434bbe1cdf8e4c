#include "DecimalPackView.h"

#include "BitReader.h"
#include "DecimalPackCodec.h"

#include <algorithm>

namespace perfdash {

double DecimalPackView::powerOf(unsigned scale) { return DecimalPackCodec::powerOfTen(scale); }

std::size_t DecimalPackView::lowerBound(std::size_t first, std::size_t last, qint64 timestampMs) const
{
    if (first < last && isRegular()) {
        // Timestamps lie exactly on a line: compute the index instead of searching.
        const qint64 start = timestampAt(first);
        if (timestampMs <= start)
            return first;
        const std::uint64_t distance = std::uint64_t(timestampMs) - std::uint64_t(start);
        const std::uint64_t step = m_layout.timestamps.step;
        return std::min<std::uint64_t>(last, first + distance / step + (distance % step != 0));
    }
    while (first < last) {
        const std::size_t middle = first + (last - first) / 2;
        if (timestampAt(middle) < timestampMs)
            first = middle + 1;
        else
            last = middle;
    }
    return first;
}

std::size_t DecimalPackView::upperBound(std::size_t first, std::size_t last, qint64 timestampMs) const
{
    if (first < last && isRegular()) {
        const qint64 start = timestampAt(first);
        if (timestampMs < start)
            return first;
        const std::uint64_t distance = std::uint64_t(timestampMs) - std::uint64_t(start);
        return std::min<std::uint64_t>(last, first + distance / m_layout.timestamps.step + 1);
    }
    while (first < last) {
        const std::size_t middle = first + (last - first) / 2;
        if (timestampAt(middle) <= timestampMs)
            first = middle + 1;
        else
            last = middle;
    }
    return first;
}

namespace {
    // Running first minimum and first maximum; strict comparisons in time order keep the first
    // occurrence, as a plain scan would.
    struct ExtremesScan {
        std::size_t minIndex;
        std::int64_t minScaled;
        std::size_t maxIndex;
        std::int64_t maxScaled;

        template <bool asMin, bool asMax> void consider(std::size_t index, std::int64_t scaled)
        {
            if (asMin && scaled < minScaled) {
                minScaled = scaled;
                minIndex = index;
            }
            if (asMax && scaled > maxScaled) {
                maxScaled = scaled;
                maxIndex = index;
            }
        }

        // Sequential form of LinearPack::at() over [from, to): no multiplication per sample.
        template <bool asMin, bool asMax>
        void scan(const std::uint64_t* words, const LinearPack& values, std::size_t from, std::size_t to)
        {
            std::uint64_t line = values.origin + std::uint64_t(from) * values.step;
            std::uint64_t position = values.bitStart + from * values.width;
            for (std::size_t i = from; i < to; ++i) {
                consider<asMin, asMax>(i, std::int64_t(line + BitReader::fieldAt(words, position, values.width)));
                line += values.step;
                position += values.width;
            }
        }
    };
}

DecimalPackView::RangeExtremes DecimalPackView::argMinMax(
    std::size_t first, std::size_t last, bool wantMin, bool wantMax) const
{
    constexpr std::size_t blockSize = DecimalPackLayout::blockSize;
    constexpr unsigned offsetBits = DecimalPackLayout::blockOffsetBits;
    if (!wantMin && !wantMax)
        return { first, 0, first, 0 };
    const std::int64_t firstScaled = scaledAt(first);
    ExtremesScan state { first, firstScaled, first, firstScaled };
    const LinearPack& values = m_layout.scaledValues;
    const unsigned extremeWidth = m_layout.extremeWidth;
    // Block by block: a block's first minimum (maximum) that lies inside the range is also the range's
    // part's first minimum (maximum), so only partial blocks whose extreme lies outside get scanned.
    const std::size_t end = last + 1;
    for (std::size_t from = first; from < end;) {
        const std::size_t block = from / blockSize;
        const std::size_t to = std::min(end, (block + 1) * blockSize);
        const std::uint64_t entryStart = m_layout.blockIndexStart + block * m_layout.blockEntryBits();
        const std::uint64_t offsets = BitReader::fieldAt(m_words, entryStart, 2 * offsetBits);
        const std::size_t blockMin = block * blockSize + std::size_t(offsets >> offsetBits);
        const std::size_t blockMax = block * blockSize + std::size_t(offsets & ((1u << offsetBits) - 1));
        const bool minInside = blockMin >= from && blockMin < to;
        const bool maxInside = blockMax >= from && blockMax < to;
        if (wantMin && minInside) {
            const std::uint64_t relative = BitReader::fieldAt(m_words, entryStart + 2 * offsetBits, extremeWidth);
            state.consider<true, false>(blockMin, std::int64_t(m_layout.extremesBase + relative));
        }
        if (wantMax && maxInside) {
            const std::uint64_t relative
                = BitReader::fieldAt(m_words, entryStart + 2 * offsetBits + extremeWidth, extremeWidth);
            state.consider<false, true>(blockMax, std::int64_t(m_layout.extremesBase + relative));
        }
        const bool scanMin = wantMin && !minInside;
        const bool scanMax = wantMax && !maxInside;
        if (scanMin && scanMax)
            state.scan<true, true>(m_words, values, from, to);
        else if (scanMin)
            state.scan<true, false>(m_words, values, from, to);
        else if (scanMax)
            state.scan<false, true>(m_words, values, from, to);
        from = to;
    }
    return { state.minIndex, state.minScaled, state.maxIndex, state.maxScaled };
}

void DecimalPackView::decode(qint64* timestamps, double* values) const
{
    // Sequential form of at(): walk the bit positions instead of multiplying per sample.
    const LinearPack& times = m_layout.timestamps;
    const LinearPack& scaled = m_layout.scaledValues;
    std::uint64_t timePosition = times.bitStart;
    std::uint64_t valuePosition = scaled.bitStart;
    std::uint64_t timeLine = times.origin;
    std::uint64_t valueLine = scaled.origin;
    const std::size_t n = m_layout.count;
    if (m_layout.scale == 0) {
        for (std::size_t i = 0; i < n; ++i) {
            timestamps[i] = qint64(timeLine + BitReader::fieldAt(m_words, timePosition, times.width));
            values[i] = double(std::int64_t(valueLine + BitReader::fieldAt(m_words, valuePosition, scaled.width)));
            timeLine += times.step;
            valueLine += scaled.step;
            timePosition += times.width;
            valuePosition += scaled.width;
        }
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        timestamps[i] = qint64(timeLine + BitReader::fieldAt(m_words, timePosition, times.width));
        values[i]
            = double(std::int64_t(valueLine + BitReader::fieldAt(m_words, valuePosition, scaled.width))) / m_divisor;
        timeLine += times.step;
        valueLine += scaled.step;
        timePosition += times.width;
        valuePosition += scaled.width;
    }
}

} // namespace perfdash
