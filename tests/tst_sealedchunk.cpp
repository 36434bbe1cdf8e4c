#include "GeneratedSeries.h"
#include "GorillaCodec.h"
#include "HeadlessTestMain.h"
#include "SealedChunk.h"
#include "TimeSeriesStore.h"

#include <QTest>
#include <optional>
#include <random>

using namespace perfdash;
using namespace perfdash::generated;

// SealedChunk: the codecs (Gorilla, DecimalPack) and the encoding a seal picks, bit-exact through the store.
class TestSealedChunk : public QObject {
    Q_OBJECT

private slots:
    void roundTripIsBitExact_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addColumn<TimeKind>("timeKind");
        QTest::addColumn<int>("count");

        const int manyChunks = int(7 * chunkSize + 123);
        QTest::addRow("random doubles, regular") << ValueKind::RandomBits << TimeKind::Regular << manyChunks;
        QTest::addRow("random doubles, jittered") << ValueKind::RandomBits << TimeKind::Jittered << manyChunks;
        QTest::addRow("NaN payloads") << ValueKind::NaNPayloads << TimeKind::Jittered << manyChunks;
        QTest::addRow("infinities and -0.0") << ValueKind::InfinitiesAndZeros << TimeKind::Regular << manyChunks;
        QTest::addRow("denormals") << ValueKind::Denormals << TimeKind::Jittered << manyChunks;
        QTest::addRow("decimals") << ValueKind::Decimals << TimeKind::Regular << manyChunks;
        QTest::addRow("decimals, jittered") << ValueKind::Decimals << TimeKind::Jittered << manyChunks;
        QTest::addRow("decimals with NaN and Inf") << ValueKind::DecimalsWithNaN << TimeKind::Jittered << manyChunks;
        QTest::addRow("smooth doubles") << ValueKind::Smooth << TimeKind::Regular << manyChunks;
        QTest::addRow("huge gaps, negative timestamps") << ValueKind::RandomBits << TimeKind::HugeGaps << manyChunks;
        QTest::addRow("huge gaps, decimals") << ValueKind::Decimals << TimeKind::HugeGaps << manyChunks;
        QTest::addRow("from the smallest qint64") << ValueKind::NaNPayloads << TimeKind::NearMinimum << manyChunks;
        QTest::addRow("to the largest qint64") << ValueKind::CoarseDecimals << TimeKind::NearMaximum << manyChunks;
        QTest::addRow("single sample") << ValueKind::RandomBits << TimeKind::Regular << 1;
        QTest::addRow("exactly one chunk") << ValueKind::Decimals << TimeKind::Regular << int(chunkSize);
        QTest::addRow("one chunk and one") << ValueKind::Decimals << TimeKind::Regular << int(chunkSize + 1);
    }

    void roundTripIsBitExact()
    {
        QFETCH(ValueKind, valueKind);
        QFETCH(TimeKind, timeKind);
        QFETCH(int, count);
        const SeriesData data = makeSeries(valueKind, timeKind, std::size_t(count), 42 + std::uint64_t(count));
        const std::size_t n = data.timestamps.size();

        // The Gorilla codec on its own, over the whole series as a single chunk.
        std::vector<std::uint64_t> words;
        GorillaCodec::encode(data.timestamps.data(), data.values.data(), n, words);
        std::vector<qint64> decodedTimestamps(n);
        std::vector<double> decodedValues(n);
        GorillaCodec::decode(words.data(), n, decodedTimestamps.data(), decodedValues.data());
        for (std::size_t i = 0; i < n; ++i) {
            QCOMPARE(decodedTimestamps[i], data.timestamps[i]);
            QCOMPARE(bitsOf(decodedValues[i]), bitsOf(data.values[i]));
        }

        // Through the store: many seals, whichever encoding each chunk picks.
        TimeSeriesStore store(unlimited());
        appendInPieces(store, QStringLiteral("m"), data, 7);
        if (QTest::currentTestFailed())
            return;
        const std::vector<LatestSample> stored = store.samples(QStringLiteral("m"), minTimestamp, maxTimestamp);
        QCOMPARE(stored.size(), n);
        for (std::size_t i = 0; i < n; ++i) {
            QCOMPARE(stored[i].timestampMs, data.timestamps[i]);
            QCOMPARE(bitsOf(stored[i].value), bitsOf(data.values[i]));
        }
        const StoreStats stats = store.stats();
        QCOMPARE(stats.retainedSamples, std::uint64_t(n));
        QCOMPARE(stats.storedTotal, std::uint64_t(n));
        QCOMPARE(stats.evictedSamples, std::uint64_t(0));
        const std::optional<LatestSample> latest = store.latest(QStringLiteral("m"));
        QVERIFY(latest);
        QCOMPARE(latest->timestampMs, data.timestamps.back());
        QCOMPARE(bitsOf(latest->value), bitsOf(data.values.back()));
    }

    void extremeTimestampJumps_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addRow("random doubles (Gorilla)") << ValueKind::RandomBits;
        QTest::addRow("decimals (DecimalPack)") << ValueKind::Decimals;
    }

    void extremeTimestampJumps()
    {
        // Jumps of nearly 2^63 between runs of 1 ms steps: delta-of-deltas that need all 64 bits, and a
        // line fit whose residuals wrap around.
        QFETCH(ValueKind, valueKind);
        std::mt19937_64 random(17);
        SeriesData data;
        const qint64 starts[] = { minTimestamp, -1'000'000, maxTimestamp - qint64(chunkSize) };
        for (qint64 start : starts) {
            for (std::size_t i = 0; i < chunkSize / 3; ++i)
                data.timestamps.push_back(start + qint64(i));
        }
        data.timestamps.push_back(maxTimestamp);
        for (std::size_t i = 0; i < data.timestamps.size(); ++i)
            data.values.push_back(makeValue(valueKind, i, random));
        const std::size_t n = data.timestamps.size();

        std::vector<std::uint64_t> words;
        GorillaCodec::encode(data.timestamps.data(), data.values.data(), n, words);
        std::vector<qint64> timestamps(n);
        std::vector<double> values(n);
        GorillaCodec::decode(words.data(), n, timestamps.data(), values.data());
        QCOMPARE(timestamps, data.timestamps);
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(bitsOf(values[i]), bitsOf(data.values[i]));

        const SealedChunk chunk = SealedChunk::seal(data.timestamps.data(), data.values.data(), n);
        QCOMPARE(chunk.encoding() == SealedChunk::Encoding::DecimalPack, valueKind == ValueKind::Decimals);
        chunk.decode(timestamps.data(), values.data());
        QCOMPARE(timestamps, data.timestamps);
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(bitsOf(values[i]), bitsOf(data.values[i]));
    }

    void sealPicksEncoding_data()
    {
        QTest::addColumn<ValueKind>("valueKind");
        QTest::addColumn<TimeKind>("timeKind");
        QTest::addColumn<bool>("packed");

        QTest::addRow("decimals: random access") << ValueKind::Decimals << TimeKind::Regular << true;
        QTest::addRow("decimals, jittered: random access") << ValueKind::Decimals << TimeKind::Jittered << true;
        QTest::addRow("coarse decimals near qint64 max") << ValueKind::CoarseDecimals << TimeKind::NearMaximum << true;
        QTest::addRow("random doubles: Gorilla") << ValueKind::RandomBits << TimeKind::Regular << false;
        QTest::addRow("-0.0 needs Gorilla") << ValueKind::InfinitiesAndZeros << TimeKind::Regular << false;
        QTest::addRow("NaN needs Gorilla") << ValueKind::DecimalsWithNaN << TimeKind::Regular << false;
        QTest::addRow("long mantissas: Gorilla") << ValueKind::Smooth << TimeKind::Regular << false;
    }

    void sealPicksEncoding()
    {
        QFETCH(ValueKind, valueKind);
        QFETCH(TimeKind, timeKind);
        QFETCH(bool, packed);
        const SeriesData data = makeSeries(valueKind, timeKind, chunkSize, 3);
        const SealedChunk chunk = SealedChunk::seal(data.timestamps.data(), data.values.data(), chunkSize);
        QCOMPARE(chunk.encoding() == SealedChunk::Encoding::DecimalPack, packed);
        std::vector<qint64> timestamps(chunkSize);
        std::vector<double> values(chunkSize);
        chunk.decode(timestamps.data(), values.data());
        for (std::size_t i = 0; i < chunkSize; ++i) {
            QCOMPARE(timestamps[i], data.timestamps[i]);
            QCOMPARE(bitsOf(values[i]), bitsOf(data.values[i]));
        }
        QCOMPARE(chunk.summary().count, std::uint32_t(chunkSize));
        QCOMPARE(chunk.summary().firstTimestampMs, data.timestamps.front());
        QCOMPARE(chunk.summary().lastTimestampMs, data.timestamps.back());
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestSealedChunk)
#include "tst_sealedchunk.moc"
