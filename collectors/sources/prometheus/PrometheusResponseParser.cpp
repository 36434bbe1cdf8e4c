#include "PrometheusResponseParser.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <simdjson.h>

namespace perfdash {

namespace {
    namespace od = simdjson::ondemand;

    enum class DataShape { Query, StringList, Series, BuildInfo };

    // Thrown with the place and the problem; simdjson's own errors are translated at the same place.
    struct ShapeError {
        QString message;
        // A well-formed answer that cannot be charted (a string result): the server did nothing wrong.
        bool unchartable = false;
    };

    QString fromView(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

    std::string_view stringAt(od::value value, const QString& where)
    {
        std::string_view text;
        if (value.get_string().get(text))
            throw ShapeError { where + QStringLiteral(": expected a string") };
        return text;
    }

    // Sample values come as strings so that NaN and ±Inf survive JSON; keep them all. False when the text
    // is none of these (the caller names the place: building the path per sample would cost more than the parse).
    // One rule for matrix, vector and scalar values, Go's strconv.ParseFloat as Prometheus and client_golang
    // use it: a leading '+' is allowed ("+1", "+Inf"), a value too small for a double reads as 0, and one too
    // large for it ("1e309") is an error, not +Inf.
    bool parseSampleValue(std::string_view text, double& value)
    {
        if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+')
            text.remove_prefix(1); // from_chars takes no sign but '-'
        // from_chars also reads "NaN", "Inf" and "-Inf" (case-insensitively, as the parser always did).
        const char* end = text.data() + text.size();
        const auto [last, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc::result_out_of_range && last == end) {
            // Underflow or overflow; strtod says which (rare, so the copy does not matter).
            const std::string copy(text);
            errno = 0;
            const double rounded = std::strtod(copy.c_str(), nullptr);
            if (std::isinf(rounded))
                return false;
            value = rounded; // 0 or a denormal, as ParseFloat gives
            return true;
        }
        return error == std::errc() && last == end;
    }

    ShapeError badSampleValue(std::string_view text, const QString& where)
    {
        return ShapeError { QStringLiteral(
            "%1: expected a number, \"NaN\", \"+Inf\" or \"-Inf\" as a string, got \"%2\"")
                                .arg(where, fromView(text.substr(0, 40))) };
    }

    double sampleValue(std::string_view text, const QString& where)
    {
        double value = 0;
        if (!parseSampleValue(text, value))
            throw badSampleValue(text, where);
        return value;
    }

    // Unix seconds as JSON writes them ("1700000000.123", "1.7e9") to whole milliseconds, from the decimal
    // text, never through a double: digits past the millisecond are cut off, as Prometheus's own decoder
    // does (1.9999 s is 1999 ms, not 2000). nullopt when it is not a number or not in range.
    std::optional<qint64> millisecondsFromText(std::string_view text)
    {
        while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
            text.remove_suffix(1);
        std::size_t at = 0;
        const bool negative = at < text.size() && text[at] == '-';
        if (negative)
            ++at;
        // value = digits × 10^exponent; digits past 18 only move the exponent (they are below a millisecond
        // for any time a qint64 of milliseconds can hold).
        std::int64_t digits = 0;
        int significant = 0;
        int exponent = 0;
        bool any = false;
        const auto take = [&](char c, bool fraction) {
            any = true;
            if (significant < 18) {
                digits = digits * 10 + (c - '0');
                if (digits != 0)
                    ++significant;
                if (fraction)
                    --exponent;
            } else if (!fraction) {
                ++exponent;
            }
        };
        for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at)
            take(text[at], false);
        if (at < text.size() && text[at] == '.') {
            ++at;
            for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at)
                take(text[at], true);
        }
        if (!any)
            return std::nullopt;
        if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
            ++at;
            const bool negativeExponent = at < text.size() && text[at] == '-';
            if (at < text.size() && (text[at] == '-' || text[at] == '+'))
                ++at;
            int written = 0;
            bool exponentDigits = false;
            for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
                exponentDigits = true;
                written = std::min(written * 10 + (text[at] - '0'), 100'000);
            }
            if (!exponentDigits)
                return std::nullopt;
            exponent += negativeExponent ? -written : written;
        }
        if (at != text.size())
            return std::nullopt;
        int shift = exponent + 3; // seconds to milliseconds
        std::int64_t ms = digits;
        for (; shift > 0; --shift) {
            if (ms > std::numeric_limits<std::int64_t>::max() / 10)
                return std::nullopt;
            ms *= 10;
        }
        for (; shift < 0 && ms != 0; ++shift)
            ms /= 10; // truncation toward zero, digit by digit
        return negative ? -ms : ms;
    }

    double timestampMs(od::value value, const QString& where)
    {
        od::number_type kind;
        std::string_view text;
        if (value.get_number_type().get(kind))
            throw ShapeError { where + QStringLiteral(": expected a unix time in seconds") };
        text = value.raw_json_token();
        const std::optional<qint64> ms = millisecondsFromText(text);
        if (!ms)
            throw ShapeError { where + QStringLiteral(": expected a unix time in seconds, got %1").arg(fromView(text.substr(0, 40))) };
        return double(*ms);
    }

    // [<unix seconds>, "<value>"]
    QPointF samplePair(od::value value, const QString& where)
    {
        od::array pair;
        if (value.get_array().get(pair))
            throw ShapeError { where + QStringLiteral(": expected [time, \"value\"]") };
        int index = 0;
        double x = 0;
        double y = 0;
        for (auto element : pair) {
            od::value item;
            if (element.get(item))
                throw ShapeError { where + QStringLiteral(": not valid JSON") };
            if (index == 0)
                x = timestampMs(item, where + QStringLiteral("[0]"));
            else if (index == 1)
                y = sampleValue(stringAt(item, where + QStringLiteral("[1]")), where + QStringLiteral("[1]"));
            ++index;
        }
        if (index != 2)
            throw ShapeError { where + QStringLiteral(": expected [time, \"value\"], got %1 elements").arg(index) };
        return { x, y };
    }

    QMap<QString, QString> labelSet(od::value value, const QString& where)
    {
        od::object object;
        if (value.get_object().get(object))
            throw ShapeError { where + QStringLiteral(": expected an object of labels") };
        QMap<QString, QString> labels;
        for (auto field : object) {
            std::string_view key;
            if (field.unescaped_key().get(key))
                throw ShapeError { where + QStringLiteral(": not valid JSON") };
            const QString name = fromView(key);
            labels.insert(name, fromView(stringAt(field.value(), where + QLatin1Char('.') + name)));
        }
        return labels;
    }

    // Where a native histogram sample is, spelled out only for an error: a path string per sample or
    // bucket would cost more than the parse. sample < 0 is a vector's lone "histogram".
    struct HistogramPlace {
        const QString& series;
        int sample = -1;

        QString text() const
        {
            return sample < 0 ? series + QStringLiteral(".histogram")
                              : QStringLiteral("%1.histograms[%2]").arg(series).arg(sample);
        }
        QString field(const char* name) const { return text() + QStringLiteral("[1].") + QLatin1String(name); }
        QString bucket(int index) const { return field("buckets") + QStringLiteral("[%1]").arg(index); }
    };

    // A number of a histogram, which the API sends as a string ("1", "+Inf").
    template <typename Where> double histogramNumber(od::value value, Where where)
    {
        std::string_view text;
        if (value.get_string().get(text))
            throw ShapeError { where() + QStringLiteral(": expected a string") };
        double number = 0;
        if (!parseSampleValue(text, number))
            throw badSampleValue(text, where());
        return number;
    }

    // One native histogram bucket: [rule, "lower", "upper", "count"], the rule a number 0..3, the rest strings
    // (bounds may be "-Inf"/"+Inf" for custom buckets).
    NativeHistogramBucket histogramBucketAt(od::value value, const HistogramPlace& place, int bucketIndex)
    {
        const auto where = [&] { return place.bucket(bucketIndex); };
        od::array parts;
        if (value.get_array().get(parts))
            throw ShapeError { where() + QStringLiteral(": expected [rule, \"lower\", \"upper\", \"count\"]") };
        NativeHistogramBucket bucket;
        int index = 0;
        for (auto element : parts) {
            od::value item;
            if (element.get(item))
                throw ShapeError { where() + QStringLiteral(": not valid JSON") };
            const auto at = [&] { return QStringLiteral("%1[%2]").arg(where()).arg(index); };
            if (index == 0) {
                std::int64_t rule = -1;
                if (item.get_int64().get(rule) || rule < 0 || rule > 3)
                    throw ShapeError { at() + QStringLiteral(": expected a boundary rule 0, 1, 2 or 3") };
                bucket.boundaryRule = int(rule);
            } else if (index <= 3) {
                const double number = histogramNumber(item, at);
                (index == 1 ? bucket.lower : index == 2 ? bucket.upper : bucket.count) = number;
            }
            ++index;
        }
        if (index != 4)
            throw ShapeError { where()
                + QStringLiteral(": expected [rule, \"lower\", \"upper\", \"count\"], got %1 elements").arg(index) };
        if (!(bucket.lower <= bucket.upper))
            throw ShapeError {
                where() + QStringLiteral(": lower bound %1 above upper bound %2").arg(bucket.lower).arg(bucket.upper)
            };
        return bucket;
    }

    // [<unix seconds>, {"count": "…", "sum": "…", "buckets": [...]}]; an empty histogram has no buckets.
    NativeHistogramSample histogramAt(od::value value, const HistogramPlace& place)
    {
        od::array pair;
        if (value.get_array().get(pair))
            throw ShapeError { place.text() + QStringLiteral(": expected [time, {\"count\", \"sum\", \"buckets\"}]") };
        NativeHistogramSample sample;
        int index = 0;
        bool sawCount = false;
        for (auto element : pair) {
            od::value item;
            if (element.get(item))
                throw ShapeError { place.text() + QStringLiteral(": not valid JSON") };
            if (index == 0) {
                od::number_type kind;
                const std::optional<qint64> ms
                    = item.get_number_type().get(kind) ? std::nullopt : millisecondsFromText(item.raw_json_token());
                if (!ms)
                    throw ShapeError { place.text() + QStringLiteral("[0]: expected a unix time in seconds") };
                sample.timeMs = *ms;
            } else if (index == 1) {
                od::object object;
                if (item.get_object().get(object))
                    throw ShapeError { place.text() + QStringLiteral("[1]: expected an object with count, sum and buckets") };
                for (auto field : object) {
                    std::string_view key;
                    if (field.unescaped_key().get(key))
                        throw ShapeError { place.text() + QStringLiteral("[1]: not valid JSON") };
                    if (key == "count") {
                        sample.count = histogramNumber(field.value(), [&] { return place.field("count"); });
                        sawCount = true;
                    } else if (key == "sum") {
                        sample.sum = histogramNumber(field.value(), [&] { return place.field("sum"); });
                    } else if (key == "buckets") {
                        od::array buckets;
                        if (field.value().get_array().get(buckets))
                            throw ShapeError { place.field("buckets") + QStringLiteral(": expected an array") };
                        int bucketIndex = 0;
                        for (auto bucketElement : buckets) {
                            od::value bucket;
                            if (bucketElement.get(bucket))
                                throw ShapeError { place.field("buckets") + QStringLiteral(": not valid JSON") };
                            sample.buckets.append(histogramBucketAt(bucket, place, bucketIndex++));
                        }
                    }
                }
            }
            ++index;
        }
        if (index != 2)
            throw ShapeError { place.text() + QStringLiteral(": expected [time, {histogram}], got %1 elements").arg(index) };
        if (!sawCount)
            throw ShapeError { place.text() + QStringLiteral("[1]: missing \"count\"") };
        return sample;
    }

    // One element of data.result for a matrix or vector: {"metric": {...}, "values": [[t, "v"], ...]} or
    // {"metric": {...}, "value": [t, "v"]}, or native histograms in "histogram" (vector) and "histograms"
    // (matrix), which a series may carry beside its float samples.
    QuerySeries seriesAt(od::value value, const QString& where)
    {
        od::object object;
        if (value.get_object().get(object))
            throw ShapeError { where + QStringLiteral(": expected an object with \"metric\" and \"values\"") };
        QuerySeries series;
        bool sawSamples = false;
        for (auto field : object) {
            std::string_view key;
            if (field.unescaped_key().get(key))
                throw ShapeError { where + QStringLiteral(": not valid JSON") };
            if (key == "metric") {
                series.labels = labelSet(field.value(), where + QStringLiteral(".metric"));
            } else if (key == "values") {
                sawSamples = true;
                od::array values;
                if (field.value().get_array().get(values))
                    throw ShapeError { where + QStringLiteral(".values: expected an array") };
                int index = 0;
                for (auto element : values) {
                    od::value item;
                    if (element.get(item))
                        throw ShapeError { where + QStringLiteral(".values: not valid JSON") };
                    // Built lazily: a path string per sample would cost more than the parse.
                    od::array pair;
                    double x = 0;
                    double y = 0;
                    int parts = 0;
                    if (!item.get_array().get(pair)) {
                        for (auto part : pair) {
                            od::value partValue;
                            if (part.get(partValue))
                                break;
                            if (parts == 0) {
                                std::string_view raw;
                                od::number_type kind;
                                if (partValue.get_number_type().get(kind))
                                    break;
                                raw = partValue.raw_json_token();
                                const std::optional<qint64> ms = millisecondsFromText(raw);
                                if (!ms)
                                    break;
                                x = double(*ms);
                            } else if (parts == 1) {
                                std::string_view text;
                                if (partValue.get_string().get(text))
                                    break;
                                if (!parseSampleValue(text, y))
                                    throw badSampleValue(
                                        text, QStringLiteral("%1.values[%2][1]").arg(where).arg(index));
                            }
                            ++parts;
                        }
                    }
                    if (parts != 2)
                        throw ShapeError {
                            QStringLiteral("%1.values[%2]: expected [time, \"value\"]").arg(where).arg(index)
                        };
                    series.points.append(QPointF(x, y));
                    ++index;
                }
            } else if (key == "value") {
                sawSamples = true;
                series.points.append(samplePair(field.value(), where + QStringLiteral(".value")));
            } else if (key == "histogram") {
                sawSamples = true;
                series.histograms.append(histogramAt(field.value(), HistogramPlace { where }));
            } else if (key == "histograms") {
                sawSamples = true;
                od::array histograms;
                if (field.value().get_array().get(histograms))
                    throw ShapeError { where + QStringLiteral(".histograms: expected an array") };
                int index = 0;
                for (auto element : histograms) {
                    od::value item;
                    if (element.get(item))
                        throw ShapeError { where + QStringLiteral(".histograms: not valid JSON") };
                    series.histograms.append(histogramAt(item, HistogramPlace { where, index++ }));
                }
            }
        }
        // Without samples the series would show as one that has no data, which is not what the server meant.
        if (!sawSamples)
            throw ShapeError { where + QStringLiteral(": missing \"values\" (matrix) or \"value\" (vector)") };
        return series;
    }

    QueryResultType resultTypeFrom(std::string_view name, const QString& where)
    {
        if (name == "matrix")
            return QueryResultType::Matrix;
        if (name == "vector")
            return QueryResultType::Vector;
        if (name == "scalar")
            return QueryResultType::Scalar;
        if (name == "string")
            return QueryResultType::String;
        throw ShapeError { QStringLiteral("%1: unknown resultType \"%2\"").arg(where, fromView(name)) };
    }

    // resultType may come after result, so whether the result fits its type is checked once both are read.
    void checkResultShape(const QueryResult& result, bool isPair)
    {
        const QString type = queryResultTypeName(result.type);
        if (result.type == QueryResultType::Scalar || result.type == QueryResultType::String) {
            if (!isPair || result.series.size() != 1)
                throw ShapeError { QStringLiteral("data.result: a %1 result is one [time, \"value\"] pair").arg(type) };
            return;
        }
        if (isPair)
            throw ShapeError { QStringLiteral("data.result: a %1 result is a list of series objects").arg(type) };
        for (qsizetype i = 0; i < result.series.size(); ++i) {
            const QuerySeries& series = result.series[i];
            if (result.type == QueryResultType::Vector && series.points.size() + series.histograms.size() != 1)
                throw ShapeError { QStringLiteral("data.result[%1]: a vector sample is {\"metric\": {...}, \"value\": "
                                                  "[time, \"value\"]}, got %2 samples")
                                       .arg(i)
                                       .arg(series.points.size()) };
        }
    }

    void parseQueryData(od::value data, PrometheusResponse& response)
    {
        od::object object;
        if (data.get_object().get(object))
            throw ShapeError { QStringLiteral("data: expected an object with resultType and result") };
        bool sawType = false;
        bool sawResult = false;
        bool isPair = false;
        std::string pairValue; // a scalar's or string's value, read once resultType is known
        for (auto field : object) {
            std::string_view key;
            if (field.unescaped_key().get(key))
                throw ShapeError { QStringLiteral("data: not valid JSON") };
            if (key == "resultType") {
                response.result.type = resultTypeFrom(
                    stringAt(field.value(), QStringLiteral("data.resultType")), QStringLiteral("data.resultType"));
                sawType = true;
            } else if (key == "result") {
                sawResult = true;
                od::array result;
                if (field.value().get_array().get(result))
                    throw ShapeError { QStringLiteral("data.result: expected an array") };
                int index = 0;
                QuerySeries scalar; // scalar and string results are one [t, "v"] pair
                for (auto element : result) {
                    od::value item;
                    if (element.get(item))
                        throw ShapeError { QStringLiteral("data.result: not valid JSON") };
                    od::json_type type;
                    if (item.type().get(type))
                        throw ShapeError { QStringLiteral("data.result[%1]: not valid JSON").arg(index) };
                    const QString where = QStringLiteral("data.result[%1]").arg(index);
                    if (type == od::json_type::object) {
                        response.result.series.append(seriesAt(item, where));
                    } else if (index == 0 && type == od::json_type::number) {
                        double x = timestampMs(item, where);
                        scalar.points.append(QPointF(x, 0));
                    } else if (index == 1 && type == od::json_type::string && !scalar.points.isEmpty()) {
                        // Read once resultType is known (it may come after result): a scalar's value must
                        // parse, a string result is refused with its text.
                        pairValue = std::string(stringAt(item, where));
                    } else {
                        throw ShapeError { where + QStringLiteral(": expected a series object") };
                    }
                    ++index;
                }
                // A lone time would otherwise come out as the value 0.
                if (!scalar.points.isEmpty() && index != 2)
                    throw ShapeError { QStringLiteral("data.result: expected [time, \"value\"], got a time alone") };
                if (!scalar.points.isEmpty()) {
                    response.result.series.append(scalar);
                    isPair = true;
                }
            }
        }
        if (!sawType || !sawResult)
            throw ShapeError { QStringLiteral("data: missing %1")
                                   .arg(sawType ? QStringLiteral("result") : QStringLiteral("resultType")) };
        checkResultShape(response.result, isPair);
        if (isPair && response.result.type == QueryResultType::String)
            throw ShapeError { QStringLiteral("data.result: the query returned the string \"%1\"; a string has no "
                                              "value to chart")
                                   .arg(fromView(std::string_view(pairValue).substr(0, 80))),
                true };
        if (isPair)
            response.result.series.first().points.first().setY(
                sampleValue(pairValue, QStringLiteral("data.result[1]")));
    }

    QStringList stringArray(od::value value, const QString& where)
    {
        od::array array;
        if (value.get_array().get(array))
            throw ShapeError { where + QStringLiteral(": expected an array of strings") };
        QStringList strings;
        int index = 0;
        for (auto element : array) {
            od::value item;
            if (element.get(item))
                throw ShapeError { where + QStringLiteral(": not valid JSON") };
            strings << fromView(stringAt(item, QStringLiteral("%1[%2]").arg(where).arg(index++)));
        }
        return strings;
    }

    void parseData(od::value data, DataShape shape, PrometheusResponse& response)
    {
        switch (shape) {
        case DataShape::Query:
            parseQueryData(data, response);
            return;
        case DataShape::StringList:
            response.strings = stringArray(data, QStringLiteral("data"));
            return;
        case DataShape::Series: {
            od::array array;
            if (data.get_array().get(array))
                throw ShapeError { QStringLiteral("data: expected an array of label sets") };
            int index = 0;
            for (auto element : array) {
                od::value item;
                if (element.get(item))
                    throw ShapeError { QStringLiteral("data: not valid JSON") };
                response.labelSets << labelSet(item, QStringLiteral("data[%1]").arg(index++));
            }
            return;
        }
        case DataShape::BuildInfo: {
            od::object object;
            if (data.get_object().get(object))
                throw ShapeError { QStringLiteral("data: expected an object") };
            for (auto field : object) {
                std::string_view key;
                if (field.unescaped_key().get(key))
                    throw ShapeError { QStringLiteral("data: not valid JSON") };
                if (key == "version")
                    response.version = fromView(stringAt(field.value(), QStringLiteral("data.version")));
            }
            // VictoriaMetrics 1.79 answers buildinfo with an empty object: a working server all the same.
            if (response.version.isEmpty())
                response.version = QStringLiteral("not given");
            return;
        }
        }
    }

    PrometheusResponse parseEnvelope(QByteArrayView body, DataShape shape)
    {
        PrometheusResponse response;
        thread_local od::parser parser;
        const simdjson::padded_string padded(body.data(), size_t(body.size()));
        try {
            od::document document;
            od::object root;
            if (parser.iterate(padded).get(document) || document.get_object().get(root))
                throw ShapeError { QStringLiteral("the body is not a JSON object, so not a Prometheus API answer") };
            QString status;
            bool sawData = false;
            std::optional<ShapeError> deferredDataError;
            for (auto field : root) {
                std::string_view key;
                if (field.unescaped_key().get(key))
                    throw ShapeError { QStringLiteral("the body is not valid JSON") };
                if (key == "status") {
                    status = fromView(stringAt(field.value(), QStringLiteral("status")));
                } else if (key == "data") {
                    // An error body may still carry data; only a success's data is read.
                    if (status != QLatin1String("error")) {
                        // Before "status" is known, a broken data block may be no Prometheus answer at all.
                        try {
                            parseData(field.value(), shape, response);
                        } catch (const ShapeError& dataError) {
                            if (!status.isEmpty())
                                throw;
                            deferredDataError = dataError;
                        }
                        sawData = true;
                    }
                } else if (key == "warnings") {
                    response.result.warnings = stringArray(field.value(), QStringLiteral("warnings"));
                } else if (key == "infos") {
                    response.result.infos = stringArray(field.value(), QStringLiteral("infos"));
                } else if (key == "errorType") {
                    response.errorType = fromView(stringAt(field.value(), QStringLiteral("errorType")));
                } else if (key == "error") {
                    response.error = fromView(stringAt(field.value(), QStringLiteral("error")));
                }
            }
            if (status == QLatin1String("error")) {
                response.kind = PrometheusResponse::Kind::ServerError;
                if (response.error.isEmpty())
                    response.error = QStringLiteral("(the server gave no error text)");
                return response;
            }
            if (status != QLatin1String("success"))
                throw ShapeError { status.isEmpty()
                        ? QStringLiteral("no \"status\" field, so not a Prometheus API answer")
                        : QStringLiteral("status: expected \"success\" or \"error\", got \"%1\"").arg(status) };
            if (deferredDataError)
                throw *deferredDataError;
            if (!sawData)
                throw ShapeError { QStringLiteral("data: missing") };
            response.kind = PrometheusResponse::Kind::Success;
        } catch (const ShapeError& shapeError) {
            response = {};
            response.kind
                = shapeError.unchartable ? PrometheusResponse::Kind::Unchartable : PrometheusResponse::Kind::Malformed;
            response.error = shapeError.message;
        } catch (const simdjson::simdjson_error& jsonError) {
            response = {};
            response.kind = PrometheusResponse::Kind::Malformed;
            response.error = QStringLiteral("the body is not valid JSON (%1)").arg(QString::fromUtf8(jsonError.what()));
        }
        return response;
    }
}

PrometheusResponse PrometheusResponseParser::parseQueryResponse(QByteArrayView body)
{
    return parseEnvelope(body, DataShape::Query);
}

PrometheusResponse PrometheusResponseParser::parseStringList(QByteArrayView body)
{
    return parseEnvelope(body, DataShape::StringList);
}

PrometheusResponse PrometheusResponseParser::parseSeries(QByteArrayView body)
{
    return parseEnvelope(body, DataShape::Series);
}

PrometheusResponse PrometheusResponseParser::parseBuildInfo(QByteArrayView body)
{
    return parseEnvelope(body, DataShape::BuildInfo);
}

} // namespace perfdash
