#include "JsonV1Parser.h"

#include "ErrorExcerpt.h"
#include "ParseErrorLog.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <simdjson.h>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace perfdash {

namespace {
    namespace od = simdjson::ondemand;

    constexpr int supportedVersion = 1;
    // A thread keeps its parser and input buffer between messages; after a message bigger than this
    // they are freed so one huge message does not pin its memory for the life of the thread.
    constexpr std::size_t keptCapacityBytes = 4 * 1024 * 1024;


    constexpr std::array<bool, 256> charTable(bool digits, bool colon)
    {
        std::array<bool, 256> table {};
        for (int c = 'a'; c <= 'z'; ++c)
            table[c] = true;
        for (int c = 'A'; c <= 'Z'; ++c)
            table[c] = true;
        table['_'] = true;
        table[':'] = colon;
        for (int c = '0'; c <= '9'; ++c)
            table[c] = digits;
        return table;
    }
    constexpr auto metricFirstChar = charTable(false, true);
    constexpr auto metricChar = charTable(true, true);
    constexpr auto labelFirstChar = charTable(false, false);
    constexpr auto labelChar = charTable(true, false);

    bool matches(std::string_view name, const std::array<bool, 256>& first, const std::array<bool, 256>& rest)
    {
        if (name.empty() || !first[static_cast<unsigned char>(name.front())])
            return false;
        return std::all_of(name.begin() + 1, name.end(), [&](char c) { return rest[static_cast<unsigned char>(c)]; });
    }

    // simdjson reports invalid UTF-8 without a position; find it so the error can name the byte.
    qsizetype firstInvalidUtf8(QByteArrayView text)
    {
        const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
        const qsizetype size = text.size();
        for (qsizetype i = 0; i < size;) {
            const unsigned char lead = bytes[i];
            if (lead < 0x80) {
                ++i;
                continue;
            }
            int length = 0;
            unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                low = lead == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                low = lead == 0xF0 ? 0x90 : 0x80;
                high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
            } else {
                return i;
            }
            if (size - i < length || bytes[i + 1] < low || bytes[i + 1] > high)
                return i;
            for (int k = 2; k < length; ++k) {
                if ((bytes[i + k] & 0xC0) != 0x80)
                    return i;
            }
            i += length;
        }
        return -1;
    }

    // simdjson needs SIMDJSON_PADDING readable bytes after the input; the buffer is reused per thread.
    struct ThreadParser {
        od::parser parser;
        std::unique_ptr<char[]> buffer;
        std::size_t bufferCapacity = 0;

        const char* padded(QByteArrayView message)
        {
            const auto size = std::size_t(message.size());
            if (bufferCapacity < size + simdjson::SIMDJSON_PADDING) {
                bufferCapacity = size + simdjson::SIMDJSON_PADDING;
                buffer.reset(new char[bufferCapacity]);
            }
            if (size > 0)
                std::memcpy(buffer.get(), message.data(), size);
            std::memset(buffer.get() + size, 0, simdjson::SIMDJSON_PADDING);
            return buffer.get();
        }

        void trim()
        {
            if (bufferCapacity > keptCapacityBytes || parser.capacity() > keptCapacityBytes) {
                buffer.reset();
                bufferCapacity = 0;
                parser = od::parser {};
            }
        }
    };

    // One [le, cumulativeCount] of a histogram sample.
    struct HistogramBucket {
        double le = 0;
        double cumulativeCount = 0;
    };

    // le as Prometheus writes it: the shortest text that reads back to the same double, "+Inf" for infinity.
    QString leText(double le)
    {
        if (std::isinf(le))
            return le > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
        char text[32];
        const auto result = std::to_chars(text, text + sizeof text, le);
        return QString::fromLatin1(text, qsizetype(result.ptr - text));
    }

    // A label's bytes as read (views into simdjson's string buffer, valid for the whole message).
    struct RawLabel {
        std::string_view name;
        std::string_view value;
    };

    // Reads one message. Errors simdjson leaves recoverable (a wrong type, a bad number) skip the
    // sample they are in; any other error means the document structure cannot be trusted, and the
    // whole message is dropped with that one error.
    class MessageReader {
    public:
        MessageReader(od::document& document, const char* json, std::size_t size)
            : m_document(document)
            , m_json(json)
            , m_size(size)
        {
        }

        ParseResult read();

    private:
        enum class Step { Ok, SkipSample, Abort };

        static bool isValueError(simdjson::error_code error)
        {
            return error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR
                || error == simdjson::NUMBER_OUT_OF_RANGE || error == simdjson::STRING_ERROR;
        }

        Step abort(simdjson::error_code error)
        {
            m_fatal = error;
            return Step::Abort;
        }

        // Reports a value that cannot be used (and skips its sample), or aborts on a structural error.
        template <typename MakePath>
        Step badValue(simdjson::error_code error, od::value& value, MakePath&& makePath, const char* expectation)
        {
            // Something that does not even start a JSON value (a stray '}' or ',') is a broken document.
            od::json_type type;
            if (const auto typeError = value.type().get(type))
                return abort(typeError);
            if (!isValueError(error))
                return abort(error);
            m_errors.add(
                [&] { return makePath() + QStringLiteral(": ") + describeProblem(error, value, expectation); });
            return Step::SkipSample;
        }

        static QString describe(od::value& value);
        static QString describeProblem(simdjson::error_code error, od::value& value, const char* expectation);

        // Each element of an array, with its index for the reasons; stops where the JSON itself breaks.
        template <typename ReadOne>
        Step readElements(od::array& array, ReadOne readOne)
        {
            qsizetype index = 0;
            for (auto elementResult : array) {
                od::value element;
                if (const auto error = elementResult.get(element))
                    return abort(error);
                if (readOne(element, index) == Step::Abort)
                    return Step::Abort;
                ++index;
            }
            return Step::Ok;
        }
        Step readSamples(od::array& samples);
        Step readSample(od::value& element, qsizetype index);
        Step readLabels(od::value& labels, qsizetype index);
        Step readValue(od::value& value, qsizetype index, double& out);
        Step readBuckets(od::value& buckets, qsizetype index, std::vector<HistogramBucket>& out);
        Step readCount(od::value& value, qsizetype index, const char* field, double& out);
        void appendHistogram(const QString& metric, qint64 timestampMs, const Labels& labels,
            const std::vector<HistogramBucket>& buckets, std::optional<double> count, std::optional<double> sum,
            qsizetype index);
        Step readAnnotations(od::value& annotations);
        Step readAnnotation(od::value& element, qsizetype index);
        Step readTags(od::value& tags, qsizetype index, QStringList& out);
        void keepText(std::string_view text, qsizetype index, Annotation& annotation);
        QString fatalMessage();

        od::document& m_document;
        const char* m_json;
        std::size_t m_size;
        ParseResult m_result;
        ParseErrorLog m_errors;
        simdjson::error_code m_fatal = simdjson::SUCCESS;

        std::string_view m_previousRawMetric;
        QString m_previousMetric;
        // Consecutive samples mostly repeat label names and values: when the bytes at a position equal
        // those of the previous sample, its (implicitly shared) strings are copied instead of converted.
        Labels m_labels;
        std::vector<RawLabel> m_rawLabels;
        std::vector<RawLabel> m_previousRawLabels;
        // The previous sample, if its labels are still in the order they were read; -1 otherwise.
        std::ptrdiff_t m_previousSample = -1;
    };

    QString MessageReader::describe(od::value& value)
    {
        od::json_type type;
        if (value.type().get(type) != simdjson::SUCCESS)
            return QStringLiteral("an invalid value");
        if (type == od::json_type::object)
            return QStringLiteral("an object");
        if (type == od::json_type::array)
            return QStringLiteral("an array");
        std::string_view raw = value.raw_json_token();
        // The raw token runs up to the next structural character, so it may carry trailing whitespace.
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r'))
            raw.remove_suffix(1);
        return errorExcerpt(raw);
    }

    QString MessageReader::describeProblem(simdjson::error_code error, od::value& value, const char* expectation)
    {
        if (error == simdjson::STRING_ERROR)
            return QStringLiteral("invalid escape in string ") + describe(value);
        if (error == simdjson::NUMBER_ERROR) {
            // simdjson says NUMBER_ERROR both for 1.2.3 and for 1e400; from_chars tells them apart.
            std::string_view raw = value.raw_json_token();
            double ignored = 0;
            const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), ignored);
            if (ec == std::errc::result_out_of_range)
                return QStringLiteral("number out of range: ") + describe(value);
        }
        return QLatin1String(expectation) + QStringLiteral(", got ") + describe(value);
    }

    QString MessageReader::fatalMessage()
    {
        if (m_fatal == simdjson::EMPTY)
            return QStringLiteral("empty message");
        const QString reason = QString::fromUtf8(simdjson::error_message(m_fatal));
        // A document that ends early is broken where it ends; simdjson's own position is then stale.
        if (m_fatal == simdjson::INCOMPLETE_ARRAY_OR_OBJECT)
            return QStringLiteral("invalid JSON at byte %1: %2").arg(m_size).arg(reason);
        const char* location = nullptr;
        if (m_document.current_location().get(location) == simdjson::SUCCESS && location >= m_json
            && location <= m_json + m_size) {
            return QStringLiteral("invalid JSON at byte %1: %2").arg(location - m_json).arg(reason);
        }
        return QStringLiteral("invalid JSON: ") + reason;
    }

    ParseResult MessageReader::read()
    {
        const auto failed = [this](simdjson::error_code error) {
            m_fatal = error;
            ParseResult result;
            result.errors.append(fatalMessage());
            return result;
        };
        const auto messageError = [](QString error) {
            ParseResult result;
            result.errors.append(std::move(error));
            return result;
        };

        od::object root;
        if (const auto error = m_document.get_object().get(root)) {
            od::json_type type;
            if (error != simdjson::INCORRECT_TYPE || m_document.type().get(type) != simdjson::SUCCESS)
                return failed(error);
            const char* what = type == od::json_type::array ? "an array"
                : type == od::json_type::string             ? "a string"
                : type == od::json_type::number             ? "a number"
                                                            : "a literal";
            return messageError(QStringLiteral("top level: expected an object, got %1").arg(QLatin1String(what)));
        }

        bool sawVersion = false;
        bool sawSamples = false;
        bool sawAnnotations = false;
        for (auto fieldResult : root) {
            od::field field;
            if (const auto error = std::move(fieldResult).get(field))
                return failed(error);
            std::string_view key;
            if (const auto error = field.unescaped_key().get(key))
                return failed(error);
            od::value& value = field.value();
            if (key == "v") {
                sawVersion = true;
                int64_t version = 0;
                const auto error = value.get_int64().get(version);
                if (error && !isValueError(error))
                    return failed(error);
                if (error || version != supportedVersion) {
                    return messageError(QStringLiteral("v: unsupported version %1 (this build reads %2)")
                                            .arg(error ? describe(value) : QString::number(version))
                                            .arg(supportedVersion));
                }
            } else if (key == "samples") {
                sawSamples = true;
                od::array samples;
                if (const auto error = value.get_array().get(samples)) {
                    if (error != simdjson::INCORRECT_TYPE)
                        return failed(error);
                    return messageError(QStringLiteral("samples: expected an array, got ") + describe(value));
                }
                if (readSamples(samples) == Step::Abort)
                    return failed(m_fatal);
            } else if (key == "annotations") {
                sawAnnotations = true;
                if (readAnnotations(value) == Step::Abort)
                    return failed(m_fatal);
            }
        }
        // Iteration stops after the closing brace; anything after it is not part of the message.
        const char* trailing = nullptr;
        if (m_document.current_location().get(trailing) == simdjson::SUCCESS)
            return failed(simdjson::TRAILING_CONTENT);

        if (!sawVersion)
            return messageError(QStringLiteral("v: missing (this build reads %1)").arg(supportedVersion));
        if (!sawSamples && !sawAnnotations)
            return messageError(
                QStringLiteral("samples: missing (a message carries \"samples\", \"annotations\" or both)"));
        m_result.errors = m_errors.take();
        return std::move(m_result);
    }

    MessageReader::Step MessageReader::readSamples(od::array& samples)
    {
        return readElements(samples, [this](od::value& element, qsizetype index) { return readSample(element, index); });
    }

    MessageReader::Step MessageReader::readSample(od::value& element, qsizetype index)
    {
        const auto path = [index](const char* field) {
            return QStringLiteral("samples[%1].%2").arg(index).arg(QLatin1String(field));
        };
        od::object object;
        if (const auto error = element.get_object().get(object))
            return badValue(
                error, element, [index] { return QStringLiteral("samples[%1]").arg(index); }, "expected an object");

        std::string_view metric;
        int64_t timestamp = 0;
        double number = 0;
        bool haveMetric = false, haveTimestamp = false, haveValue = false, haveBuckets = false;
        std::vector<HistogramBucket> buckets;
        std::optional<double> count;
        std::optional<double> sum;
        m_labels.clear();
        m_labels.reserve(m_previousRawLabels.size());
        m_rawLabels.clear();
        for (auto fieldResult : object) {
            od::field field;
            if (const auto error = std::move(fieldResult).get(field))
                return abort(error);
            std::string_view key;
            if (const auto error = field.unescaped_key().get(key))
                return abort(error);
            od::value& value = field.value();
            if (key == "metric") {
                if (const auto error = value.get_string().get(metric))
                    return badValue(
                        error, value, [&] { return path("metric"); }, "expected a string");
                haveMetric = true;
            } else if (key == "ts") {
                if (const auto error = value.get_int64().get(timestamp))
                    return badValue(
                        error, value, [&] { return path("ts"); }, "expected an integer (unix ms)");
                haveTimestamp = true;
            } else if (key == "value") {
                if (const Step step = readValue(value, index, number); step != Step::Ok)
                    return step;
                haveValue = true;
            } else if (key == "buckets") {
                if (const Step step = readBuckets(value, index, buckets); step != Step::Ok)
                    return step;
                haveBuckets = true;
            } else if (key == "count" || key == "sum") {
                double read = 0;
                if (const Step step = readCount(value, index, key == "count" ? "count" : "sum", read); step != Step::Ok)
                    return step;
                (key == "count" ? count : sum) = read;
            } else if (key == "labels") {
                m_labels.clear(); // a repeated "labels" key replaces the earlier one
                m_rawLabels.clear();
                if (const Step step = readLabels(value, index); step != Step::Ok)
                    return step;
            }
        }

        const char* missing = !haveMetric ? "metric"
            : !haveTimestamp              ? "ts"
            : !haveValue && !haveBuckets  ? "value"
                                          : nullptr;
        if (missing) {
            m_errors.add([&] {
                return path(missing)
                    + (missing == std::string_view("value")
                            ? QStringLiteral(": missing (or \"buckets\" for a histogram)")
                            : QStringLiteral(": missing"));
            });
            return Step::SkipSample;
        }
        if (haveValue && haveBuckets) {
            m_errors.add([&] {
                return QStringLiteral("samples[%1]: both \"value\" and \"buckets\"; a sample is one or the other")
                    .arg(index);
            });
            return Step::SkipSample;
        }
        if (!matches(metric, metricFirstChar, metricChar)) {
            m_errors.add([&] {
                return metric.empty()
                    ? path("metric") + QStringLiteral(": empty")
                    : path("metric") + QStringLiteral(": invalid metric name \"%1\"").arg(errorExcerpt(metric));
            });
            return Step::SkipSample;
        }

        if (metric != m_previousRawMetric || m_previousMetric.isNull()) {
            m_previousRawMetric = metric;
            m_previousMetric = QString::fromLatin1(metric.data(), qsizetype(metric.size()));
        }
        if (haveBuckets) {
            appendHistogram(m_previousMetric, timestamp, m_labels, buckets, count, sum, index);
            m_previousSample = -1; // its samples' labels gained an le: no match for the next sample's
            std::swap(m_rawLabels, m_previousRawLabels);
            return Step::Ok;
        }
        if (count || sum) {
            m_errors.add([&] {
                return QStringLiteral("samples[%1]: \"count\" and \"sum\" belong to a histogram sample (with "
                                      "\"buckets\"), not beside \"value\"")
                    .arg(index);
            });
            return Step::SkipSample;
        }

        Sample sample;
        sample.metric = m_previousMetric;
        sample.timestampMs = timestamp;
        sample.value = number;
        sample.labels = std::move(m_labels);
        const bool sortedAndUnique = std::adjacent_find(sample.labels.begin(), sample.labels.end(),
                                         [](const auto& a, const auto& b) { return !(a.first < b.first); })
            == sample.labels.end();
        if (!sortedAndUnique)
            normalizeLabels(sample.labels);
        m_previousSample = sortedAndUnique ? std::ptrdiff_t(m_result.samples.size()) : -1;
        m_result.samples.push_back(std::move(sample));
        std::swap(m_rawLabels, m_previousRawLabels);
        return Step::Ok;
    }

    MessageReader::Step MessageReader::readLabels(od::value& labels, qsizetype index)
    {
        od::object object;
        if (const auto error = labels.get_object().get(object))
            return badValue(
                error, labels, [index] { return QStringLiteral("samples[%1].labels").arg(index); },
                "expected an object");
        for (auto fieldResult : object) {
            od::field field;
            if (const auto error = std::move(fieldResult).get(field))
                return abort(error);
            std::string_view name;
            if (const auto error = field.unescaped_key().get(name))
                return abort(error);
            if (!matches(name, labelFirstChar, labelChar)) {
                m_errors.add([&] {
                    return QStringLiteral("samples[%1].labels: invalid label name \"%2\"")
                        .arg(index)
                        .arg(errorExcerpt(name));
                });
                return Step::SkipSample;
            }
            std::string_view text;
            if (const auto error = field.value().get_string().get(text)) {
                return badValue(
                    error, field.value(),
                    [&] {
                        return QStringLiteral("samples[%1].labels.%2")
                            .arg(index)
                            .arg(QLatin1String(name.data(), qsizetype(name.size())));
                    },
                    "expected a string");
            }
            const std::size_t position = m_labels.size();
            const bool havePrevious = m_previousSample >= 0 && position < m_previousRawLabels.size();
            const RawLabel* previousRaw = havePrevious ? &m_previousRawLabels[position] : nullptr;
            const auto* previous
                = havePrevious ? &m_result.samples[std::size_t(m_previousSample)].labels[position] : nullptr;
            m_labels.emplace_back(previousRaw && previousRaw->name == name
                    ? previous->first
                    : QString::fromLatin1(name.data(), qsizetype(name.size())),
                previousRaw && previousRaw->value == text ? previous->second
                                                          : QString::fromUtf8(text.data(), qsizetype(text.size())));
            m_rawLabels.push_back(RawLabel { name, text });
        }
        return Step::Ok;
    }

    MessageReader::Step MessageReader::readValue(od::value& value, qsizetype index, double& out)
    {
        static constexpr const char* expectation = "expected a number or \"NaN\"/\"+Inf\"/\"-Inf\"";
        const auto path = [index] { return QStringLiteral("samples[%1].value").arg(index); };
        od::json_type type;
        if (const auto error = value.type().get(type))
            return abort(error);
        if (type == od::json_type::number) {
            if (const auto error = value.get_double().get(out))
                return badValue(error, value, path, expectation);
            return Step::Ok;
        }
        if (type == od::json_type::string) {
            std::string_view text;
            if (const auto error = value.get_string().get(text))
                return badValue(error, value, path, expectation);
            // Prometheus writes special values as strings, with exactly these spellings.
            if (text == "NaN") {
                out = std::numeric_limits<double>::quiet_NaN();
                return Step::Ok;
            }
            if (text == "+Inf" || text == "Inf") {
                out = std::numeric_limits<double>::infinity();
                return Step::Ok;
            }
            if (text == "-Inf") {
                out = -std::numeric_limits<double>::infinity();
                return Step::Ok;
            }
        }
        return badValue(simdjson::INCORRECT_TYPE, value, path, expectation);
    }

    // A number of observations: finite and not negative (a JSON number, not a string: counts have no NaN).
    MessageReader::Step MessageReader::readCount(od::value& value, qsizetype index, const char* field, double& out)
    {
        const auto path = [&] { return QStringLiteral("samples[%1].%2").arg(index).arg(QLatin1String(field)); };
        if (const auto error = value.get_double().get(out))
            return badValue(error, value, path, "expected a number");
        const bool isCount = field == std::string_view("count");
        if (!std::isfinite(out) || (isCount && out < 0)) {
            m_errors.add([&] {
                return path()
                    + QStringLiteral(": %1, got %2")
                          .arg(isCount ? QStringLiteral("expected a finite count, 0 or more")
                                       : QStringLiteral("expected a finite sum"),
                              QString::number(out));
            });
            return Step::SkipSample;
        }
        return Step::Ok;
    }

    // "buckets": [[le, cumulativeCount], ...], le a number or "+Inf", rising; counts cumulative, so never
    // falling. The histogram is skipped whole on any bad bucket: a part of one would draw a wrong shape.
    MessageReader::Step MessageReader::readBuckets(
        od::value& buckets, qsizetype index, std::vector<HistogramBucket>& out)
    {
        od::array array;
        if (const auto error = buckets.get_array().get(array))
            return badValue(
                error, buckets, [index] { return QStringLiteral("samples[%1].buckets").arg(index); },
                "expected an array of [le, cumulativeCount]");
        qsizetype bucketIndex = 0;
        for (auto elementResult : array) {
            const auto path = [&] { return QStringLiteral("samples[%1].buckets[%2]").arg(index).arg(bucketIndex); };
            od::value element;
            if (const auto error = elementResult.get(element))
                return abort(error);
            od::array pair;
            if (const auto error = element.get_array().get(pair))
                return badValue(error, element, path, "expected [le, cumulativeCount]");
            HistogramBucket bucket;
            int part = 0;
            for (auto partResult : pair) {
                od::value item;
                if (const auto error = partResult.get(item))
                    return abort(error);
                if (part == 0) {
                    od::json_type type;
                    if (const auto error = item.type().get(type))
                        return abort(error);
                    std::string_view text;
                    if (type == od::json_type::string && !item.get_string().get(text)
                        && (text == "+Inf" || text == "Inf")) {
                        bucket.le = std::numeric_limits<double>::infinity();
                    } else if (const auto error = item.get_double().get(bucket.le)) {
                        return badValue(
                            error, item, [&] { return path() + QStringLiteral("[0]"); },
                            "expected an upper bound (a number or \"+Inf\")");
                    }
                } else if (part == 1) {
                    if (const auto error = item.get_double().get(bucket.cumulativeCount))
                        return badValue(
                            error, item, [&] { return path() + QStringLiteral("[1]"); }, "expected a cumulative count");
                }
                ++part;
            }
            if (part != 2) {
                m_errors.add([&] {
                    return path() + QStringLiteral(": expected [le, cumulativeCount], got %1 elements").arg(part);
                });
                return Step::SkipSample;
            }
            if (!(bucket.cumulativeCount >= 0) || std::isinf(bucket.cumulativeCount)) {
                m_errors.add([&] {
                    return path()
                        + QStringLiteral(": expected a finite count, 0 or more, got %1").arg(bucket.cumulativeCount);
                });
                return Step::SkipSample;
            }
            if (!out.empty() && !(bucket.le > out.back().le)) {
                m_errors.add([&] {
                    return path()
                        + QStringLiteral(": le %1 not above the previous bucket's %2 (buckets go from the lowest up)")
                              .arg(leText(bucket.le), leText(out.back().le));
                });
                return Step::SkipSample;
            }
            if (!out.empty() && bucket.cumulativeCount < out.back().cumulativeCount) {
                m_errors.add([&] {
                    return path()
                        + QStringLiteral(": count %1 below the previous bucket's %2 (counts are cumulative)")
                              .arg(bucket.cumulativeCount)
                              .arg(out.back().cumulativeCount);
                });
                return Step::SkipSample;
            }
            out.push_back(bucket);
            ++bucketIndex;
        }
        if (out.empty()) {
            m_errors.add([index] { return QStringLiteral("samples[%1].buckets: empty").arg(index); });
            return Step::SkipSample;
        }
        return Step::Ok;
    }

    // A histogram is stored as Prometheus exposes a classic one: <metric>_bucket{le} cumulative counters,
    // <metric>_count and <metric>_sum, so heatmaps read stream and Prometheus histograms the same way.
    void MessageReader::appendHistogram(const QString& metric, qint64 timestampMs, const Labels& labels,
        const std::vector<HistogramBucket>& buckets, std::optional<double> count, std::optional<double> sum,
        qsizetype index)
    {
        Labels base = labels;
        normalizeLabels(base);
        if (std::any_of(base.begin(), base.end(), [](const auto& label) { return label.first == u"le"; })) {
            m_errors.add([index] {
                return QStringLiteral(
                    "samples[%1].labels.le: a histogram sample's buckets carry le; it cannot be a label")
                    .arg(index);
            });
            return;
        }
        const HistogramBucket& last = buckets.back();
        if (count && std::isinf(last.le) && *count != last.cumulativeCount) {
            m_errors.add([&] {
                return QStringLiteral("samples[%1].count: %2 differs from the +Inf bucket's %3")
                    .arg(index)
                    .arg(*count)
                    .arg(last.cumulativeCount);
            });
            return;
        }
        if (count && *count < last.cumulativeCount) {
            m_errors.add([&] {
                return QStringLiteral("samples[%1].count: %2 below the last bucket's %3")
                    .arg(index)
                    .arg(*count)
                    .arg(last.cumulativeCount);
            });
            return;
        }
        if (!count)
            count = last.cumulativeCount;
        const auto insertAt = std::lower_bound(base.begin(), base.end(), QStringLiteral("le"),
            [](const auto& label, const QString& name) { return label.first < name; });
        const qsizetype lePosition = insertAt - base.begin();
        const QString bucketMetric = metric + QStringLiteral("_bucket");
        const auto appendBucket = [&](double le, double cumulative) {
            Sample sample;
            sample.metric = bucketMetric;
            sample.labels = base;
            sample.labels.insert(sample.labels.begin() + lePosition, { QStringLiteral("le"), leText(le) });
            sample.timestampMs = timestampMs;
            sample.value = cumulative;
            m_result.samples.push_back(std::move(sample));
        };
        for (const HistogramBucket& bucket : buckets)
            appendBucket(bucket.le, bucket.cumulativeCount);
        // Prometheus's rule: every classic histogram has an +Inf bucket, equal to its count.
        if (!std::isinf(buckets.back().le))
            appendBucket(std::numeric_limits<double>::infinity(), *count);
        m_result.samples.push_back(Sample { metric + QStringLiteral("_count"), base, timestampMs, *count, 0 });
        if (sum)
            m_result.samples.push_back(Sample { metric + QStringLiteral("_sum"), base, timestampMs, *sum, 0 });
    }

    MessageReader::Step MessageReader::readAnnotations(od::value& annotations)
    {
        od::array array;
        // Unlike "samples" that is not an array, this loses nothing else: annotations are an addition to
        // a message, and the samples beside broken ones are still good.
        if (const auto error = annotations.get_array().get(array))
            return badValue(
                error, annotations, [] { return QStringLiteral("annotations"); }, "expected an array");
        return readElements(
            array, [this](od::value& element, qsizetype index) { return readAnnotation(element, index); });
    }

    MessageReader::Step MessageReader::readAnnotation(od::value& element, qsizetype index)
    {
        const auto path = [index](const char* field) {
            return QStringLiteral("annotations[%1].%2").arg(index).arg(QLatin1String(field));
        };
        od::object object;
        if (const auto error = element.get_object().get(object))
            return badValue(
                error, element, [index] { return QStringLiteral("annotations[%1]").arg(index); }, "expected an object");

        Annotation annotation;
        annotation.origin = Annotation::Origin::Stream;
        std::string_view text;
        bool haveTimestamp = false, haveEnd = false, haveText = false;
        for (auto fieldResult : object) {
            od::field field;
            if (const auto error = std::move(fieldResult).get(field))
                return abort(error);
            std::string_view key;
            if (const auto error = field.unescaped_key().get(key))
                return abort(error);
            od::value& value = field.value();
            if (key == "ts" || key == "endTs") {
                const bool end = key == "endTs";
                int64_t ms = 0;
                if (const auto error = value.get_int64().get(ms))
                    return badValue(
                        error, value, [&] { return path(end ? "endTs" : "ts"); }, "expected an integer (unix ms)");
                if (end) {
                    annotation.endMs = ms;
                    haveEnd = true;
                } else {
                    annotation.timeMs = ms;
                    haveTimestamp = true;
                }
            } else if (key == "text") {
                if (const auto error = value.get_string().get(text))
                    return badValue(
                        error, value, [&] { return path("text"); }, "expected a string");
                haveText = true;
            } else if (key == "tags") {
                annotation.tags.clear(); // a repeated "tags" key replaces the earlier one
                if (const Step step = readTags(value, index, annotation.tags); step != Step::Ok)
                    return step;
            }
        }

        const char* missing = !haveTimestamp ? "ts" : !haveText ? "text" : nullptr;
        if (missing) {
            m_errors.add([&] { return path(missing) + QStringLiteral(": missing"); });
            return Step::SkipSample;
        }
        if (!haveEnd) {
            annotation.endMs = annotation.timeMs;
        } else if (annotation.endMs < annotation.timeMs) {
            m_errors.add([&] { return path("endTs") + QStringLiteral(": before ts"); });
            return Step::SkipSample;
        }
        if (text.empty()) {
            m_errors.add([&] { return path("text") + QStringLiteral(": empty"); });
            return Step::SkipSample;
        }
        keepText(text, index, annotation);
        m_result.annotations.append(std::move(annotation));
        return Step::Ok;
    }

    void MessageReader::keepText(std::string_view text, qsizetype index, Annotation& annotation)
    {
        constexpr qsizetype maxChars = JsonV1Parser::maxAnnotationTextChars;
        annotation.text = QString::fromUtf8(text.data(), qsizetype(text.size()));
        if (annotation.text.size() <= maxChars)
            return;
        const qsizetype sentChars = annotation.text.size();
        qsizetype keep = maxChars - 1; // room for the ellipsis
        if (annotation.text.at(keep - 1).isHighSurrogate())
            --keep; // never half a character
        annotation.text.truncate(keep);
        annotation.text += QChar(0x2026);
        m_errors.add([&] {
            return QStringLiteral("annotations[%1].text: %2 characters, cut to %3")
                .arg(index)
                .arg(sentChars)
                .arg(maxChars);
        });
    }

    MessageReader::Step MessageReader::readTags(od::value& tags, qsizetype index, QStringList& out)
    {
        od::array array;
        if (const auto error = tags.get_array().get(array))
            return badValue(
                error, tags, [index] { return QStringLiteral("annotations[%1].tags").arg(index); },
                "expected an array");
        qsizetype tagIndex = 0;
        for (auto elementResult : array) {
            od::value element;
            if (const auto error = elementResult.get(element))
                return abort(error);
            const auto path = [&] { return QStringLiteral("annotations[%1].tags[%2]").arg(index).arg(tagIndex); };
            std::string_view tag;
            if (const auto error = element.get_string().get(tag))
                return badValue(error, element, path, "expected a string");
            if (tag.empty()) {
                m_errors.add([&] { return path() + QStringLiteral(": empty"); });
                return Step::SkipSample;
            }
            out << QString::fromUtf8(tag.data(), qsizetype(tag.size()));
            ++tagIndex;
        }
        return Step::Ok;
    }
}

ParseResult JsonV1Parser::parse(QByteArrayView message)
{
    thread_local ThreadParser state;

    const char* json = state.padded(message);
    const auto size = std::size_t(message.size());
    ParseResult result;
    od::document document;
    if (const auto error = state.parser.iterate(json, size, size + simdjson::SIMDJSON_PADDING).get(document)) {
        // Errors found before iteration (bad UTF-8, an unclosed string) come without a position.
        const qsizetype badByte = error == simdjson::UTF8_ERROR ? firstInvalidUtf8(message) : -1;
        if (error == simdjson::EMPTY)
            result.errors.append(QStringLiteral("empty message"));
        else if (badByte >= 0)
            result.errors.append(QStringLiteral("invalid JSON at byte %1: %2")
                                     .arg(badByte)
                                     .arg(QString::fromUtf8(simdjson::error_message(error))));
        else
            result.errors.append(QStringLiteral("invalid JSON: ") + QString::fromUtf8(simdjson::error_message(error)));
    } else {
        result = MessageReader(document, json, size).read();
    }
    state.trim();
    return result;
}

} // namespace perfdash
