#include "DecodedChunkCache.h"
#include "HeadlessTestMain.h"
#include "SealedChunk.h"

#include <QTest>
#include <cmath>
#include <vector>

using namespace perfdash;

// The GUI's per-thread cache of decoded chunks: exact samples, hits on a repeat, least recently used
// chunks evicted at the byte budget, idle ones dropped.
class TestDecodedChunkCache : public QObject {
    Q_OBJECT

    static constexpr std::size_t samples = 1024;
    static constexpr std::size_t chunkBytes = samples * (sizeof(qint64) + sizeof(double));

    // Irregular values, so the chunk is Gorilla-encoded, the encoding that must be decoded to be read.
    static SealedChunk chunk(
        qint64 startMs, std::vector<qint64>* timestamps = nullptr, std::vector<double>* values = nullptr)
    {
        std::vector<qint64> t(samples);
        std::vector<double> v(samples);
        for (std::size_t i = 0; i < samples; ++i) {
            t[i] = startMs + qint64(i) * 7 + qint64(i % 3);
            v[i] = std::sin(double(startMs + qint64(i))) * 1e3 / 3.0;
        }
        v[5] = std::nan("");
        if (timestamps)
            *timestamps = t;
        if (values)
            *values = v;
        return SealedChunk::seal(t.data(), v.data(), samples);
    }

private Q_SLOTS:
    void decodesTheChunksSamples()
    {
        std::vector<qint64> timestamps;
        std::vector<double> values;
        const SealedChunk sealed = chunk(1000, &timestamps, &values);
        QCOMPARE(sealed.encoding(), SealedChunk::Encoding::Gorilla);
        DecodedChunkCache cache(4 * chunkBytes, std::chrono::hours(1));
        const DecodedChunkCache::Decoded& decoded = cache.decode(sealed);
        QVERIFY(std::equal(timestamps.begin(), timestamps.end(), decoded.timestamps.begin()));
        for (std::size_t i = 0; i < samples; ++i) {
            QVERIFY2(decoded.values[i] == values[i] || (std::isnan(values[i]) && std::isnan(decoded.values[i])),
                qPrintable(QString::number(i)));
        }
        QCOMPARE(cache.misses(), quint64(1));
        QCOMPARE(cache.decode(sealed).timestamps.back(), timestamps.back());
        QCOMPARE(cache.hits(), quint64(1));
    }

    void chunksWithEqualSamplesAreStillDifferentChunks()
    {
        const SealedChunk first = chunk(0);
        const SealedChunk second = chunk(0);
        QVERIFY(first.id() != second.id());
        DecodedChunkCache cache(4 * chunkBytes, std::chrono::hours(1));
        cache.decode(first);
        cache.decode(second);
        QCOMPARE(cache.misses(), quint64(2));
    }

    void leastRecentlyUsedGoesFirstAtTheBudget()
    {
        const SealedChunk a = chunk(0);
        const SealedChunk b = chunk(100'000);
        const SealedChunk c = chunk(200'000);
        DecodedChunkCache cache(2 * chunkBytes, std::chrono::hours(1));
        cache.decode(a);
        cache.decode(b);
        cache.decode(a); // a is now the most recent
        cache.decode(c); // evicts b
        QCOMPARE(cache.hits(), quint64(1));
        QCOMPARE(cache.misses(), quint64(3));
        QVERIFY(cache.byteSize() <= 2 * chunkBytes);
        QCOMPARE(cache.decode(a).timestamps.front(), qint64(0));
        QCOMPARE(cache.hits(), quint64(2));
        QCOMPARE(cache.decode(b).timestamps.front(), qint64(100'000));
        QCOMPARE(cache.misses(), quint64(4));
        QCOMPARE(cache.decode(c).timestamps.front(), qint64(200'000)); // b pushed c out
        QCOMPARE(cache.misses(), quint64(5));
        QVERIFY(cache.byteSize() <= 2 * chunkBytes);
    }

    void chunksNoFrameReadsAnyMoreAreDropped()
    {
        // Well under the budget, but idle: a chunk that scrolled out of view must not stay.
        const SealedChunk old = chunk(0);
        const SealedChunk current = chunk(100'000);
        DecodedChunkCache::Clock::time_point now {};
        DecodedChunkCache cache(100 * chunkBytes, std::chrono::milliseconds(20), [&now] { return now; });
        cache.decode(old);
        now += std::chrono::milliseconds(60);
        cache.decode(current); // a miss trims what is idle
        QCOMPARE(cache.byteSize(), chunkBytes);
        cache.decode(old);
        QCOMPARE(cache.misses(), quint64(3));
    }

    void aChunkIdleForExactlyMaxIdleStays()
    {
        const SealedChunk first = chunk(0);
        const SealedChunk second = chunk(100'000);
        DecodedChunkCache::Clock::time_point now {};
        DecodedChunkCache cache(100 * chunkBytes, std::chrono::milliseconds(20), [&now] { return now; });
        cache.decode(first);
        now += std::chrono::milliseconds(20);
        cache.decode(second);
        QCOMPARE(cache.byteSize(), 2 * chunkBytes);
        now += std::chrono::milliseconds(1);
        cache.decode(chunk(200'000)); // first is 21 ms idle now, second 1 ms
        QCOMPARE(cache.byteSize(), 2 * chunkBytes);
        QCOMPARE(cache.decode(second).timestamps.front(), qint64(100'000));
        QCOMPARE(cache.hits(), quint64(1));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestDecodedChunkCache)
#include "tst_decodedchunkcache.moc"
