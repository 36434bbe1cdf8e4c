// Row 2 of the table, and the ingest goals: JSON read with QJsonDocument against our simdjson parsers on
// the same bytes — a 100 x 11,000 Prometheus query_range matrix, a 100 x 1,000 native-histogram one and
// JSON v1 stream batches — and
// parse + store throughput on one core for JSON v1 and line protocol.
#include "BenchSupport.h"
#include "JsonV1Parser.h"
#include "JsonV1Writer.h"
#include "LineProtocolParser.h"
#include "PrometheusResponseParser.h"
#include "TimeSeriesStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointF>
#include <algorithm>
#include <cmath>

using namespace perfdash;
using namespace perfdash::bench;

namespace {

constexpr qint64 startMs = 1'700'000'000'000;

QByteArray prometheusMatrix(int seriesCount, int points)
{
    QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[)";
    for (int s = 0; s < seriesCount; ++s) {
        const std::vector<double> values = demoLikeValues(std::size_t(points), std::uint64_t(s) + 1);
        if (s)
            body += ',';
        body += R"({"metric":{"__name__":"http_request_duration_seconds","endpoint":"/api/v1/e)" + QByteArray::number(s)
            + R"(","instance":"127.0.0.1:9100","job":"api"},"values":[)";
        for (int i = 0; i < points; ++i) {
            if (i)
                body += ',';
            body += '[' + QByteArray::number(double(startMs) / 1000.0 + i * 15.0, 'f', 3) + ",\""
                + QByteArray::number(values[std::size_t(i)], 'g', 17) + "\"]";
        }
        body += "]}";
    }
    body += "]}}";
    return body;
}

const QByteArray& matrixBody()
{
    static const QByteArray body = prometheusMatrix(100, 11'000);
    return body;
}

const std::string jsonSection = "2 JSON read";
const std::string matrixRow = "Prometheus query_range 100 x 11,000";

void setMegabytesPerSecond(benchmark::State& state, qint64 bytesPerIteration)
{
    state.SetBytesProcessed(int64_t(state.iterations()) * bytesPerIteration);
}

qsizetype pointCount(const QList<QuerySeries>& series)
{
    qsizetype points = 0;
    for (const QuerySeries& one : series)
        points += one.points.size();
    return points;
}

qsizetype bucketCount(const QList<QuerySeries>& series)
{
    qsizetype buckets = 0;
    for (const QuerySeries& one : series)
        for (const NativeHistogramSample& sample : one.histograms)
            buckets += sample.buckets.size();
    return buckets;
}

QList<QuerySeries> parsedByOurs(const QByteArray& body)
{
    return PrometheusResponseParser::parseQueryResponse(body).result.series;
}

// The baselines' work is ours: labelled series, their samples as numbers. readSamples fills one series
// from its JSON object.
template <typename ReadSamples> QList<QuerySeries> parsedByQJsonDocument(const QByteArray& body, ReadSamples readSamples)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    QList<QuerySeries> result;
    const QJsonArray series
        = document.object().value(QLatin1String("data")).toObject().value(QLatin1String("result")).toArray();
    for (const QJsonValue& entry : series) {
        const QJsonObject object = entry.toObject();
        QuerySeries out;
        const QJsonObject metric = object.value(QLatin1String("metric")).toObject();
        for (auto label = metric.begin(); label != metric.end(); ++label)
            out.labels.insert(label.key(), label.value().toString());
        readSamples(object, out);
        result.append(std::move(out));
    }
    return result;
}

// One side of a JSON-read row: the parse of `body`, checked by what it counted against `expected`.
template <typename Parse, typename Count>
void measureRead(benchmark::State& state, const QByteArray& body, Parse parse, Count count, qsizetype expected,
    const std::string& row, const std::string& role)
{
    qsizetype counted = 0;
    for (auto _ : state) {
        counted = count(parse(body));
        benchmark::DoNotOptimize(counted);
    }
    if (counted != expected)
        state.SkipWithError("the parse returned the wrong number of points or buckets");
    setMegabytesPerSecond(state, body.size());
    rowLabel(state, jsonSection, row + " (" + std::to_string(body.size() >> 20) + " MB) to series", role, "ms");
}

void readMatrixSamples(const QJsonObject& object, QuerySeries& out)
{
    const QJsonArray values = object.value(QLatin1String("values")).toArray();
    out.points.reserve(values.size());
    for (const QJsonValue& pair : values) {
        const QJsonArray tv = pair.toArray();
        out.points.append(QPointF(tv.at(0).toDouble() * 1000.0, tv.at(1).toString().toDouble()));
    }
}

void matrixOurs(benchmark::State& state)
{
    measureRead(state, matrixBody(), parsedByOurs, pointCount, 100 * 11'000, matrixRow, "ours: PrometheusResponseParser");
}

void matrixQJsonDocument(benchmark::State& state)
{
    measureRead(
        state, matrixBody(), [](const QByteArray& body) { return parsedByQJsonDocument(body, readMatrixSamples); },
        pointCount, 100 * 11'000, matrixRow, "baseline: QJsonDocument");
}

// A native-histogram query_range as Prometheus 2.42 writes it: per step {"count","sum","buckets"} with
// exponential buckets (schema 3: bounds 2^(k/8)) around a latency that drifts, 18 populated buckets each.
QByteArray nativeHistogramMatrix(int seriesCount, int steps)
{
    QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[)";
    for (int s = 0; s < seriesCount; ++s) {
        const std::vector<double> drift = demoLikeValues(std::size_t(steps), std::uint64_t(s) + 11);
        if (s)
            body += ',';
        body += R"({"metric":{"__name__":"http_request_duration_seconds","endpoint":"/api/v1/e)" + QByteArray::number(s)
            + R"(","instance":"127.0.0.1:9100","job":"api"},"histograms":[)";
        for (int i = 0; i < steps; ++i) {
            if (i)
                body += ',';
            const int centre = int(std::lround(std::log2(std::max(0.01, drift[std::size_t(i)])) * 8));
            QByteArray buckets;
            double count = 0;
            for (int k = centre - 9; k < centre + 9; ++k) {
                const double inBucket = std::round(40.0 * std::exp(-0.05 * (k - centre) * (k - centre)) * 100) / 100;
                count += inBucket;
                if (!buckets.isEmpty())
                    buckets += ',';
                buckets += "[0,\"" + QByteArray::number(std::exp2((k - 1) / 8.0), 'g', 17) + "\",\""
                    + QByteArray::number(std::exp2(k / 8.0), 'g', 17) + "\",\"" + QByteArray::number(inBucket, 'g', 17)
                    + "\"]";
            }
            body += '[' + QByteArray::number(double(startMs) / 1000.0 + i * 15.0, 'f', 3) + ",{\"count\":\""
                + QByteArray::number(count, 'g', 17) + "\",\"sum\":\"" + QByteArray::number(count * 0.9, 'g', 17)
                + "\",\"buckets\":[" + buckets + "]}]";
        }
        body += "]}";
    }
    body += "]}}";
    return body;
}

const QByteArray& nativeHistogramBody()
{
    static const QByteArray body = nativeHistogramMatrix(100, 1'000);
    return body;
}

const std::string nativeRow = "Prometheus native-histogram query_range 100 x 1,000";
constexpr qsizetype nativeBuckets = 100 * 1'000 * 18;

void readNativeHistogramSamples(const QJsonObject& object, QuerySeries& out)
{
    const QJsonArray histograms = object.value(QLatin1String("histograms")).toArray();
    out.histograms.reserve(histograms.size());
    for (const QJsonValue& pair : histograms) {
        const QJsonArray th = pair.toArray();
        const QJsonObject histogram = th.at(1).toObject();
        NativeHistogramSample sample;
        sample.timeMs = qint64(th.at(0).toDouble() * 1000.0);
        sample.count = histogram.value(QLatin1String("count")).toString().toDouble();
        sample.sum = histogram.value(QLatin1String("sum")).toString().toDouble();
        for (const QJsonValue& bucketValue : histogram.value(QLatin1String("buckets")).toArray()) {
            const QJsonArray bucket = bucketValue.toArray();
            sample.buckets.append({ bucket.at(0).toInt(), bucket.at(1).toString().toDouble(),
                bucket.at(2).toString().toDouble(), bucket.at(3).toString().toDouble() });
        }
        out.histograms.append(std::move(sample));
    }
}

void nativeHistogramsOurs(benchmark::State& state)
{
    measureRead(state, nativeHistogramBody(), parsedByOurs, bucketCount, nativeBuckets, nativeRow,
        "ours: PrometheusResponseParser");
    setGainGoal(state, 10); // the heatmap issue's bar: at least 10x QJsonDocument
}

void nativeHistogramsQJsonDocument(benchmark::State& state)
{
    measureRead(
        state, nativeHistogramBody(),
        [](const QByteArray& body) { return parsedByQJsonDocument(body, readNativeHistogramSamples); }, bucketCount,
        nativeBuckets, nativeRow, "baseline: QJsonDocument");
}

// JSON v1 stream batches as the demo sends them: many series, one sample each per tick.
std::vector<QByteArray> jsonV1Messages(int messages, int seriesPerMessage, qint64 firstMs)
{
    std::vector<QByteArray> out;
    const QString metric = QStringLiteral("http_request_duration_seconds:p95");
    std::vector<Labels> labels;
    for (int s = 0; s < seriesPerMessage; ++s)
        labels.push_back({ { QStringLiteral("endpoint"), QStringLiteral("/api/v1/e%1").arg(s) } });
    const std::vector<double> values = demoLikeValues(std::size_t(messages * seriesPerMessage), 7);
    for (int m = 0; m < messages; ++m) {
        SampleBatch batch;
        for (int s = 0; s < seriesPerMessage; ++s)
            batch.push_back(
                { metric, labels[std::size_t(s)], firstMs + m * 250, values[std::size_t(m * seriesPerMessage + s)] });
        out.push_back(JsonV1Writer::write(batch));
    }
    return out;
}

constexpr int v1Messages = 200;
constexpr int v1SeriesPerMessage = 1000;

const std::vector<QByteArray>& v1Batch()
{
    static const std::vector<QByteArray> messages = jsonV1Messages(v1Messages, v1SeriesPerMessage, startMs);
    return messages;
}

SampleBatch parseWithQJsonDocument(const QByteArray& message)
{
    SampleBatch batch;
    const QJsonArray samples = QJsonDocument::fromJson(message).object().value(QLatin1String("samples")).toArray();
    batch.reserve(std::size_t(samples.size()));
    for (const QJsonValue& entry : samples) {
        const QJsonObject object = entry.toObject();
        Sample sample;
        sample.metric = object.value(QLatin1String("metric")).toString();
        const QJsonObject labels = object.value(QLatin1String("labels")).toObject();
        for (auto label = labels.begin(); label != labels.end(); ++label)
            sample.labels.emplace_back(label.key(), label.value().toString());
        sample.timestampMs = qint64(object.value(QLatin1String("ts")).toDouble());
        sample.value = object.value(QLatin1String("value")).toDouble();
        batch.push_back(std::move(sample));
    }
    return batch;
}

const std::string v1Row = "JSON v1 batches of 1,000 samples, parse only";

void v1ParseOurs(benchmark::State& state)
{
    std::size_t samples = 0;
    for (auto _ : state) {
        for (const QByteArray& message : v1Batch())
            samples += JsonV1Parser::parse(message).samples.size();
    }
    state.counters["value"] = benchmark::Counter(double(samples) / 1e6, benchmark::Counter::kIsRate);
    rowLabel(state, jsonSection, v1Row, "ours: JsonV1Parser", "M samples/s");
}

void v1ParseQJsonDocument(benchmark::State& state)
{
    std::size_t samples = 0;
    for (auto _ : state) {
        for (const QByteArray& message : v1Batch())
            samples += parseWithQJsonDocument(message).size();
    }
    state.counters["value"] = benchmark::Counter(double(samples) / 1e6, benchmark::Counter::kIsRate);
    rowLabel(state, jsonSection, v1Row, "baseline: QJsonDocument", "M samples/s");
}

const std::string ingestSection = "ingest on one core (parse + store)";

// Each iteration stores the messages into a fresh store; the timestamps move on so nothing is rejected.
template <typename Parse> void ingest(benchmark::State& state, Parse&& parse, const std::vector<QByteArray>& messages)
{
    std::size_t stored = 0;
    std::size_t rejected = 0;
    for (auto _ : state) {
        state.PauseTiming();
        TimeSeriesStore store;
        state.ResumeTiming();
        for (const QByteArray& message : messages) {
            const AppendResult result = store.append(parse(message));
            stored += result.stored;
            rejected += result.rejectedOutOfOrder + result.rejectedSeriesLimit;
        }
    }
    if (rejected != 0)
        state.SkipWithError("the store rejected samples");
    state.counters["value"] = benchmark::Counter(double(stored) / 1e6, benchmark::Counter::kIsRate);
}

void ingestV1Ours(benchmark::State& state)
{
    ingest(
        state, [](const QByteArray& m) { return JsonV1Parser::parse(m).samples; }, v1Batch());
    rowLabel(state, ingestSection, "JSON v1, 1,000 series x 200 messages", "ours: JsonV1Parser", "M samples/s");
    setGoal(state, 2.0);
}

void ingestV1QJsonDocument(benchmark::State& state)
{
    ingest(state, parseWithQJsonDocument, v1Batch());
    rowLabel(state, ingestSection, "JSON v1, 1,000 series x 200 messages", "baseline: QJsonDocument", "M samples/s");
}

const std::vector<QByteArray>& lineProtocolBatch()
{
    static const std::vector<QByteArray> messages = [] {
        std::vector<QByteArray> out;
        const std::vector<double> values = demoLikeValues(std::size_t(v1Messages * v1SeriesPerMessage), 11);
        for (int m = 0; m < v1Messages; ++m) {
            QByteArray message;
            const QByteArray ns = QByteArray::number((startMs + m * 250) * 1'000'000);
            for (int s = 0; s < v1SeriesPerMessage; ++s) {
                message += "http_request_duration_seconds,endpoint=/api/v1/e" + QByteArray::number(s) + " p95="
                    + QByteArray::number(values[std::size_t(m * v1SeriesPerMessage + s)], 'g', 17) + ' ' + ns + '\n';
            }
            out.push_back(message);
        }
        return out;
    }();
    return messages;
}

// The obvious Qt way: split into lines, then on spaces, commas and '=' (no escapes, no type suffixes).
SampleBatch parseLinesNaively(const QByteArray& message)
{
    SampleBatch batch;
    for (const QByteArray& line : message.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() < 2)
            continue;
        const QList<QByteArray> head = parts[0].split(',');
        Labels labels;
        for (qsizetype i = 1; i < head.size(); ++i) {
            const QList<QByteArray> tag = head[i].split('=');
            labels.emplace_back(QString::fromUtf8(tag.value(0)), QString::fromUtf8(tag.value(1)));
        }
        const qint64 ms = parts.size() > 2 ? parts[2].toLongLong() / 1'000'000 : 0;
        for (const QByteArray& field : parts[1].split(',')) {
            const QList<QByteArray> kv = field.split('=');
            batch.push_back({ QString::fromUtf8(head[0] + '_' + kv.value(0)), labels, ms, kv.value(1).toDouble() });
        }
    }
    return batch;
}

void ingestLineProtocolOurs(benchmark::State& state)
{
    ingest(
        state, [](const QByteArray& m) { return LineProtocolParser::parse(m, 0).samples; }, lineProtocolBatch());
    rowLabel(
        state, ingestSection, "line protocol, 1,000 series x 200 messages", "ours: LineProtocolParser", "M samples/s");
    setGoal(state, 5.0);
}

void ingestLineProtocolNaive(benchmark::State& state)
{
    ingest(state, parseLinesNaively, lineProtocolBatch());
    rowLabel(state, ingestSection, "line protocol, 1,000 series x 200 messages", "baseline: QByteArray::split parser",
        "M samples/s");
}

} // namespace

BENCHMARK(matrixOurs)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(matrixQJsonDocument)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(nativeHistogramsOurs)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(nativeHistogramsQJsonDocument)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(v1ParseOurs)->Unit(benchmark::kMillisecond);
BENCHMARK(v1ParseQJsonDocument)->Unit(benchmark::kMillisecond);
BENCHMARK(ingestV1Ours)->Unit(benchmark::kMillisecond);
BENCHMARK(ingestV1QJsonDocument)->Unit(benchmark::kMillisecond);
BENCHMARK(ingestLineProtocolOurs)->Unit(benchmark::kMillisecond);
BENCHMARK(ingestLineProtocolNaive)->Unit(benchmark::kMillisecond);
