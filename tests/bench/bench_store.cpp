// Row 3 of the table: bytes per sample of the demo system's own data, raw against our store, with the
// encode and decode rates of our chunk codecs against plain Gorilla on the same chunks.
#include "BenchSupport.h"
#include "DemoSystem.h"
#include "GorillaCodec.h"
#include "SealedChunk.h"
#include "SeriesHistory.h"
#include "TimeSeriesStore.h"

#include <QHash>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

// What the embedded demo streams, tick after tick (250 ms), per series.
struct DemoData {
    std::vector<SampleBatch> ticks;
    struct Series {
        std::vector<qint64> timestamps;
        std::vector<double> values;
    };
    std::vector<Series> series;
    std::size_t samples = 0;
};

const DemoData& demoData()
{
    static const DemoData data = [] {
        DemoData out;
        DemoSystem system(DemoScenario::Baseline);
        QHash<QString, std::size_t> index;
        qint64 now = 1'700'000'000'000;
        constexpr int ticks = 6 * 3600 * 4; // six hours at 250 ms
        for (int tick = 0; tick < ticks; ++tick, now += 250) {
            system.step(now, 0.25);
            SampleBatch batch = system.derivedSamples(now);
            for (const Sample& sample : batch) {
                const QString key = seriesKey(sample.metric, sample.labels);
                auto found = index.constFind(key);
                if (found == index.constEnd()) {
                    found = index.insert(key, out.series.size());
                    out.series.emplace_back();
                }
                out.series[found.value()].timestamps.push_back(sample.timestampMs);
                out.series[found.value()].values.push_back(sample.value);
            }
            out.samples += batch.size();
            out.ticks.push_back(std::move(batch));
        }
        return out;
    }();
    return data;
}

const std::string section = "3 storage, the demo's own data";

std::string demoRow(const std::string& what)
{
    const DemoData& data = demoData();
    return what + " (" + std::to_string(data.series.size()) + " series, " + std::to_string(data.samples / 1000)
        + "k samples)";
}

void bytesOurs(benchmark::State& state)
{
    demoData(); // built once, outside the measurement
    double bytesPerSample = 0;
    for (auto _ : state) {
        TimeSeriesStore store;
        for (const SampleBatch& batch : demoData().ticks)
            store.append(batch);
        const StoreStats stats = store.stats();
        if (stats.retainedSamples != demoData().samples)
            state.SkipWithError("the store did not keep every sample");
        bytesPerSample = double(stats.encodedBytes) / double(stats.retainedSamples);
    }
    setValue(state, bytesPerSample);
    setGoal(state, 2.0);
    rowLabel(state, section, demoRow("bytes per sample, whole store"), "ours", "B/sample");
}

void bytesRaw(benchmark::State& state)
{
    for (auto _ : state) { }
    setValue(state, double(sizeof(qint64) + sizeof(double)));
    rowLabel(state, section, demoRow("bytes per sample, whole store"), "baseline: raw (int64 ms, double)", "B/sample");
}

// Every full chunk of every demo series, as the store would seal them.
template <typename Each> void forEachChunk(Each&& each)
{
    constexpr std::size_t chunk = SeriesHistory::chunkCapacity;
    for (const DemoData::Series& series : demoData().series) {
        for (std::size_t first = 0; first + chunk <= series.timestamps.size(); first += chunk)
            each(series.timestamps.data() + first, series.values.data() + first, chunk);
    }
}

void codecBytesGorilla(benchmark::State& state)
{
    std::size_t bytes = 0;
    std::size_t samples = 0;
    for (auto _ : state) {
        forEachChunk([&](const qint64* t, const double* v, std::size_t n) {
            std::vector<std::uint64_t> words;
            GorillaCodec::encode(t, v, n, words);
            bytes += words.size() * sizeof(std::uint64_t);
            samples += n;
        });
    }
    setValue(state, double(bytes) / double(samples));
    rowLabel(state, section, demoRow("bytes per sample, sealed chunks"), "baseline: plain Gorilla", "B/sample");
}

void codecBytesOurs(benchmark::State& state)
{
    std::size_t bytes = 0;
    std::size_t samples = 0;
    for (auto _ : state) {
        forEachChunk([&](const qint64* t, const double* v, std::size_t n) {
            bytes += SealedChunk::seal(t, v, n).byteSize();
            samples += n;
        });
    }
    setValue(state, double(bytes) / double(samples));
    setGoal(state, 2.0);
    rowLabel(state, section, demoRow("bytes per sample, sealed chunks"), "ours (incl. summary)", "B/sample");
}

void encodeOurs(benchmark::State& state)
{
    std::size_t samples = 0;
    for (auto _ : state) {
        forEachChunk([&](const qint64* t, const double* v, std::size_t n) {
            benchmark::DoNotOptimize(SealedChunk::seal(t, v, n));
            samples += n;
        });
    }
    state.counters["value"] = benchmark::Counter(double(samples) / 1e6, benchmark::Counter::kIsRate);
    rowLabel(state, section, "encode (seal chunks)", "ours: decimal pack or Gorilla + summary", "M samples/s");
}

void encodeGorilla(benchmark::State& state)
{
    std::size_t samples = 0;
    std::vector<std::uint64_t> words;
    for (auto _ : state) {
        forEachChunk([&](const qint64* t, const double* v, std::size_t n) {
            words.clear();
            GorillaCodec::encode(t, v, n, words);
            benchmark::DoNotOptimize(words.data());
            samples += n;
        });
    }
    state.counters["value"] = benchmark::Counter(double(samples) / 1e6, benchmark::Counter::kIsRate);
    rowLabel(state, section, "encode (seal chunks)", "baseline: plain Gorilla", "M samples/s");
}

void decodeOurs(benchmark::State& state)
{
    std::vector<SealedChunk> chunks;
    forEachChunk(
        [&](const qint64* t, const double* v, std::size_t n) { chunks.push_back(SealedChunk::seal(t, v, n)); });
    std::vector<qint64> timestamps(SeriesHistory::chunkCapacity);
    std::vector<double> values(SeriesHistory::chunkCapacity);
    std::size_t samples = 0;
    for (auto _ : state) {
        for (const SealedChunk& chunk : chunks) {
            chunk.decode(timestamps.data(), values.data());
            benchmark::DoNotOptimize(values.data());
            samples += chunk.summary().count;
        }
    }
    state.counters["value"] = benchmark::Counter(double(samples) / 1e6, benchmark::Counter::kIsRate);
    setGoal(state, 100.0);
    rowLabel(state, section, "decode (whole chunks)", "ours", "M samples/s");
}

void decodeGorilla(benchmark::State& state)
{
    std::vector<std::vector<std::uint64_t>> chunks;
    forEachChunk([&](const qint64* t, const double* v, std::size_t n) {
        chunks.emplace_back();
        GorillaCodec::encode(t, v, n, chunks.back());
    });
    std::vector<qint64> timestamps(SeriesHistory::chunkCapacity);
    std::vector<double> values(SeriesHistory::chunkCapacity);
    std::size_t samples = 0;
    for (auto _ : state) {
        for (const auto& words : chunks) {
            GorillaCodec::decode(words.data(), SeriesHistory::chunkCapacity, timestamps.data(), values.data());
            benchmark::DoNotOptimize(values.data());
            samples += SeriesHistory::chunkCapacity;
        }
    }
    state.counters["value"] = benchmark::Counter(double(samples) / 1e6, benchmark::Counter::kIsRate);
    rowLabel(state, section, "decode (whole chunks)", "baseline: plain Gorilla", "M samples/s");
}

} // namespace

BENCHMARK(bytesOurs)->Iterations(1);
BENCHMARK(bytesRaw)->Iterations(1);
BENCHMARK(codecBytesOurs)->Iterations(1);
BENCHMARK(codecBytesGorilla)->Iterations(1);
BENCHMARK(encodeOurs);
BENCHMARK(encodeGorilla);
BENCHMARK(decodeOurs);
BENCHMARK(decodeGorilla);
