#include "LineProtocolParser.h"

#include "ErrorExcerpt.h"
#include "ParseErrorLog.h"

#include <QHash>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perfdash {

namespace {
    // Series (measurement and tags) remembered with the labels built for them: batches usually
    // interleave a handful of series, and a hit costs a comparison instead of parsing and new strings.
    constexpr std::size_t maxCachedSeries = 16;
    // Metric names built per series for its field keys; a line with thousands of distinct fields
    // must not turn the lookup quadratic, so only the first few are kept.
    constexpr std::size_t maxCachedFieldNames = 32;
    constexpr qint64 nanosecondsPerMillisecond = 1'000'000;

    // Characters a backslash escapes, per element, as InfluxDB 1.x and the Go decoder read them: a
    // backslash before anything else is literal, and "\\" stays two backslashes (the grammar's
    // key_escape_seq). Telegraf output must mean the same here as in InfluxDB.
    constexpr std::string_view measurementEscapes = ", ";
    constexpr std::string_view keyEscapes = ",= ";


    bool isSpace(char c) { return c == ' ' || c == '\t'; }

    std::size_t skipSpaces(std::string_view text, std::size_t from)
    {
        while (from < text.size() && isSpace(text[from]))
            ++from;
        return from;
    }

    // Position of the first of stops at or after from that no backslash escapes, or text.size(). A stop is
    // escaped when the byte right before it is a backslash, whatever comes before that one: in
    // "two\\ words" the space is escaped and the first backslash stays (the peers' rule).
    template <typename... Stops> std::size_t findUnescaped(std::string_view text, std::size_t from, Stops... stops)
    {
        for (std::size_t i = from; i < text.size(); ++i) {
            const char c = text[i];
            if (((c == stops) || ...) && !(i > from && text[i - 1] == '\\'))
                return i;
        }
        return text.size();
    }

    void unescapeInto(std::string& out, std::string_view raw, std::string_view escapable)
    {
        out.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size() && escapable.find(raw[i + 1]) != std::string_view::npos)
                ++i;
            out += raw[i];
        }
    }

    QString unescaped(std::string& scratch, std::string_view raw, std::string_view escapable)
    {
        if (raw.find('\\') == std::string_view::npos)
            return QString::fromUtf8(raw.data(), qsizetype(raw.size()));
        unescapeInto(scratch, raw, escapable);
        return QString::fromUtf8(scratch.data(), qsizetype(scratch.size()));
    }

    bool isNameChar(unsigned char c, bool allowColon)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
            || (allowColon && c == ':');
    }

    // Maps bytes to a Prometheus name: every character outside [a-zA-Z0-9_] (and ':' for metric
    // names) becomes one '_'; a multi-byte UTF-8 character counts as one.
    void appendSanitized(std::string& out, std::string_view bytes, bool allowColon)
    {
        bool inMultiByte = false;
        for (const char c : bytes) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte >= 0x80 && (byte & 0xC0) == 0x80 && inMultiByte)
                continue;
            inMultiByte = byte >= 0x80;
            out += isNameChar(byte, allowColon) ? c : '_';
        }
    }

    // Prometheus names may not start with a digit either.
    void assignPrometheusName(std::string& out, std::string_view bytes, bool allowColon)
    {
        out.clear();
        if (!bytes.empty() && bytes.front() >= '0' && bytes.front() <= '9')
            out += '_';
        appendSanitized(out, bytes, allowColon);
    }

    QString latin1(const std::string& text) { return QString::fromLatin1(text.data(), qsizetype(text.size())); }

    template <typename Integer> std::optional<Integer> wholeInteger(std::string_view text)
    {
        Integer value {};
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc {} || end != text.data() + text.size() || text.empty())
            return std::nullopt;
        return value;
    }

    std::optional<double> fieldNumber(std::string_view text)
    {
        if (text.empty())
            return std::nullopt;
        switch (text.back()) {
        case 'i':
            if (const auto value = wholeInteger<qint64>(text.substr(0, text.size() - 1)))
                return double(*value);
            break;
        case 'u':
            if (const auto value = wholeInteger<quint64>(text.substr(0, text.size() - 1)))
                return double(*value);
            break;
        default:
            break;
        }
        if (text == "t" || text == "T" || text == "true" || text == "True" || text == "TRUE")
            return 1.0;
        if (text == "f" || text == "F" || text == "false" || text == "False" || text == "FALSE")
            return 0.0;
        // from_chars would also take "inf" and "nan", which line protocol does not have.
        const std::size_t digitAt = text.front() == '-' ? 1 : 0;
        if (digitAt >= text.size() || !((text[digitAt] >= '0' && text[digitAt] <= '9') || text[digitAt] == '.'))
            return std::nullopt;
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc::result_out_of_range && end == text.data() + text.size()) {
            // Too small for a double reads as 0 (or a denormal), as Go's ParseFloat reads it in the peer
            // decoders; too large is refused.
            const std::string copy(text);
            const double rounded = std::strtod(copy.c_str(), nullptr);
            return std::isinf(rounded) ? std::nullopt : std::optional<double>(rounded);
        }
        if (error != std::errc {} || end != text.data() + text.size())
            return std::nullopt;
        return value;
    }

    // Where the line starting at `start` ends: the first newline outside a quoted string field value (line
    // protocol allows newlines there). Splitting on every newline first lost such lines, and made up a
    // sample from a string holding "\nphantom x=1". *newlines counts the newlines inside strings, for line
    // numbers. An unterminated string ends at the first newline, so it costs one line, not the message.
    std::size_t lineEnd(std::string_view text, std::size_t start, qsizetype* newlines)
    {
        *newlines = 0;
        const auto firstNewline = [&] {
            const void* found = std::memchr(text.data() + start, '\n', text.size() - start);
            return found ? std::size_t(static_cast<const char*>(found) - text.data()) : text.size();
        };
        const std::size_t plainEnd = firstNewline();
        if (!std::memchr(text.data() + start, '"', plainEnd - start))
            return plainEnd; // no quote before the newline: the common case, one memchr each
        const std::size_t first = skipSpaces(text, start);
        if (first < text.size() && text[first] == '#')
            return plainEnd; // a comment's quotes mean nothing
        enum class Part { Series, Fields, Timestamp } part = Part::Series;
        bool valueStarts = false; // the previous character was a field's '='
        for (std::size_t i = first; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '\n')
                return i;
            // Outside strings, a separator right after a backslash is escaped (see findUnescaped).
            const bool escaped = i > first && text[i - 1] == '\\';
            if (part == Part::Series) {
                if (isSpace(c) && !escaped)
                    part = Part::Fields;
            } else if (part == Part::Fields) {
                if (c == '"' && valueStarts) {
                    qsizetype inside = 0;
                    std::size_t close = i + 1;
                    while (close < text.size() && text[close] != '"') {
                        if (text[close] == '\n')
                            ++inside;
                        close += text[close] == '\\' ? 2 : 1;
                    }
                    if (close >= text.size())
                        return plainEnd;
                    *newlines += inside;
                    i = close;
                } else if (isSpace(c) && !escaped) {
                    part = Part::Timestamp;
                }
                valueStarts = c == '=' && !escaped;
                continue;
            }
            valueStarts = false;
        }
        return text.size();
    }

    // Why bytes of a measurement or tag set cannot become a label: a control character or invalid UTF-8
    // would pass into labels unseen (as U+FFFD for the latter). Empty when they are fine.
    QString seriesTextProblem(std::string_view raw)
    {
        for (std::size_t i = 0; i < raw.size();) {
            const auto byte = static_cast<unsigned char>(raw[i]);
            if (byte < 0x20 || byte == 0x7F)
                return QStringLiteral("control character 0x%1 in the measurement or a tag")
                    .arg(byte, 2, 16, QLatin1Char('0'));
            if (byte < 0x80) {
                ++i;
                continue;
            }
            // A well-formed UTF-8 sequence (RFC 3629): no overlong forms, no surrogates, at most U+10FFFF.
            const int length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
            bool valid = length > 0 && byte <= 0xF4 && i + std::size_t(length) <= raw.size();
            for (int k = 1; valid && k < length; ++k)
                valid = (static_cast<unsigned char>(raw[i + std::size_t(k)]) & 0xC0) == 0x80;
            if (valid && length >= 3) {
                const auto second = static_cast<unsigned char>(raw[i + 1]);
                valid = !(byte == 0xE0 && second < 0xA0) && !(byte == 0xED && second >= 0xA0)
                    && !(byte == 0xF0 && second < 0x90) && !(byte == 0xF4 && second >= 0x90);
            }
            if (!valid)
                return QStringLiteral("invalid UTF-8 at byte %1 of the measurement and tags").arg(i + 1);
            i += std::size_t(length);
        }
        return {};
    }

    qint64 floorDivide(qint64 value, qint64 divisor)
    {
        qint64 quotient = value / divisor;
        if (value % divisor < 0)
            --quotient;
        return quotient;
    }

    // Reads one message line by line.
    class LineReader {
    public:
        explicit LineReader(qint64 receivedAtMs)
            : m_receivedAtMs(receivedAtMs)
        {
        }

        ParseResult read(QByteArrayView message);

    private:
        struct Tag {
            std::string_view rawKey;
            std::string_view rawValue;
            QString key;
            QString value;
        };
        struct FieldName {
            std::string_view rawKey;
            QString metric;
        };
        struct Series {
            std::string_view raw; // "measurement,tags" as written, a view into the message
            std::size_t rawHash = 0;
            std::string_view rawMeasurement;
            QString measurement;
            std::string metricPrefix; // sanitized measurement + '_'
            Labels labels;
            std::vector<FieldName> fieldNames;
        };
        struct Field {
            std::string_view rawKey;
            double value = 0;
            bool isString = false;
        };

        void readLine(std::string_view line, qsizetype number);
        Series* readSeries(std::string_view raw, qsizetype number);
        QString metricFor(Series& series, std::string_view rawKey);

        template <typename MakeText> void fail(qsizetype line, MakeText&& makeText)
        {
            m_errors.add([&] { return QStringLiteral("line %1: ").arg(line) + makeText(); });
        }

        qint64 m_receivedAtMs;
        ParseResult m_result;
        ParseErrorLog m_errors;
        std::string m_unescaped;
        std::string m_name;
        std::vector<Field> m_fields;
        // This line's samples: the field each came from, and (for lines of many fields) each by metric name.
        std::vector<std::size_t> m_fieldOfSample;
        QHash<QString, std::size_t> m_lineFields;

        std::vector<Series> m_series;
        std::size_t m_lastSeries = 0;
        std::size_t m_nextSlot = 0;
        // Tags of the last parsed series: the next new series reuses the strings of equal keys and values.
        std::vector<Tag> m_tags;
        std::vector<Tag> m_nextTags;
    };

    ParseResult LineReader::read(QByteArrayView message)
    {
        const std::string_view text(message.data(), std::size_t(message.size()));
        m_result.samples.reserve(std::size_t(std::count(text.begin(), text.end(), '\n')) + 1);
        qsizetype lineNumber = 0;
        for (std::size_t start = 0; start < text.size();) {
            ++lineNumber;
            qsizetype newlinesInside = 0;
            const std::size_t end = lineEnd(text, start, &newlinesInside);
            readLine(text.substr(start, end - start), lineNumber);
            lineNumber += newlinesInside;
            start = end + 1;
        }
        // The reservation assumed one sample per line; mostly-bad input should not hand back a big empty buffer.
        if (m_result.samples.capacity() > 2 * m_result.samples.size() + 64)
            m_result.samples.shrink_to_fit();
        m_result.errors = m_errors.take();
        return std::move(m_result);
    }

    void LineReader::readLine(std::string_view line, qsizetype number)
    {
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const std::size_t first = skipSpaces(line, 0);
        if (first == line.size() || line[first] == '#')
            return;
        line.remove_prefix(first);

        const std::size_t seriesEnd = findUnescaped(line, 0, ' ');
        std::size_t at = skipSpaces(line, seriesEnd);
        if (at == line.size()) {
            fail(number, [] { return QStringLiteral("missing field set"); });
            return;
        }
        Series* series = readSeries(line.substr(0, seriesEnd), number);
        if (!series)
            return;

        m_fields.clear();
        while (true) {
            const std::size_t keyEnd = findUnescaped(line, at, '=', ',', ' ');
            const std::string_view rawKey = line.substr(at, keyEnd - at);
            if (rawKey.empty()) {
                fail(number, [] { return QStringLiteral("field with an empty name"); });
                return;
            }
            if (keyEnd == line.size() || line[keyEnd] != '=') {
                fail(number,
                    [&] { return QStringLiteral("field \"%1\": missing \"=\" and value").arg(errorExcerpt(rawKey)); });
                return;
            }
            at = keyEnd + 1;
            Field field { rawKey, 0, false };
            if (at < line.size() && line[at] == '"') {
                std::size_t close = at + 1;
                while (close < line.size() && line[close] != '"')
                    close += line[close] == '\\' ? 2 : 1;
                if (close >= line.size()) {
                    fail(number,
                        [&] { return QStringLiteral("field \"%1\": unterminated string").arg(errorExcerpt(rawKey)); });
                    return;
                }
                field.isString = true;
                at = close + 1;
                if (at < line.size() && line[at] != ',' && line[at] != ' ') {
                    fail(number, [&] {
                        return QStringLiteral("field \"%1\": text after the closing quote").arg(errorExcerpt(rawKey));
                    });
                    return;
                }
            } else {
                std::size_t valueEnd = at;
                while (valueEnd < line.size() && line[valueEnd] != ',' && line[valueEnd] != ' ')
                    ++valueEnd;
                const std::string_view rawValue = line.substr(at, valueEnd - at);
                const auto value = fieldNumber(rawValue);
                if (!value) {
                    fail(number, [&] {
                        return rawValue.empty()
                            ? QStringLiteral("field \"%1\": missing value").arg(errorExcerpt(rawKey))
                            : QStringLiteral("field \"%1\": bad value \"%2\"").arg(errorExcerpt(rawKey), errorExcerpt(rawValue));
                    });
                    return;
                }
                field.value = *value;
                at = valueEnd;
            }
            m_fields.push_back(field);
            if (at == line.size() || line[at] == ' ')
                break;
            ++at; // the comma before the next field
        }

        qint64 timestampMs = m_receivedAtMs;
        qint32 subMsNanos = 0;
        at = skipSpaces(line, at);
        if (at < line.size()) {
            std::size_t tokenEnd = at;
            while (tokenEnd < line.size() && !isSpace(line[tokenEnd]))
                ++tokenEnd;
            const std::string_view token = line.substr(at, tokenEnd - at);
            const auto nanoseconds = wholeInteger<qint64>(token);
            if (!nanoseconds) {
                fail(number, [&] { return QStringLiteral("bad timestamp \"%1\"").arg(errorExcerpt(token)); });
                return;
            }
            if (skipSpaces(line, tokenEnd) != line.size()) {
                fail(number, [&] {
                    return QStringLiteral("unexpected text after the timestamp: \"%1\"")
                        .arg(errorExcerpt(line.substr(skipSpaces(line, tokenEnd))));
                });
                return;
            }
            timestampMs = floorDivide(*nanoseconds, nanosecondsPerMillisecond);
            subMsNanos = qint32(*nanoseconds - timestampMs * nanosecondsPerMillisecond);
        }

        // A field repeated in a line (or two that map to one name) would be two samples with one time:
        // the last value is kept, as InfluxDB keeps it, and the dropped one is reported.
        const std::size_t lineStart = m_result.samples.size();
        // Few fields (the common case): a scan of the line's samples; many: a hash, so 10,000 fields in one
        // line stay linear.
        const bool hashed = m_fields.size() > 8;
        if (hashed)
            m_lineFields.clear();
        m_fieldOfSample.clear();
        for (const Field& field : m_fields) {
            if (field.isString) {
                fail(number, [&] {
                    return QStringLiteral("field \"%1\" is a string; only numeric fields become samples")
                        .arg(errorExcerpt(field.rawKey));
                });
                continue;
            }
            QString metric = metricFor(*series, field.rawKey);
            std::optional<std::size_t> earlier; // index among the line's samples
            if (hashed) {
                if (const auto found = m_lineFields.constFind(metric); found != m_lineFields.cend())
                    earlier = *found;
            } else {
                for (std::size_t k = lineStart; k < m_result.samples.size() && !earlier; ++k) {
                    if (m_result.samples[k].metric == metric)
                        earlier = k - lineStart;
                }
            }
            if (earlier) {
                const std::string_view earlierKey = m_fields[m_fieldOfSample[*earlier]].rawKey;
                fail(number, [&] {
                    return earlierKey == field.rawKey
                        ? QStringLiteral("field \"%1\" appears twice; the last value is kept").arg(errorExcerpt(field.rawKey))
                        : QStringLiteral("fields \"%1\" and \"%2\" both become \"%3\"; the last value is kept")
                              .arg(errorExcerpt(earlierKey), errorExcerpt(field.rawKey), metric);
                });
                m_result.samples[lineStart + *earlier].value = field.value;
                continue;
            }
            if (hashed)
                m_lineFields.insert(metric, m_result.samples.size() - lineStart);
            m_fieldOfSample.push_back(std::size_t(&field - m_fields.data()));
            m_result.samples.push_back(
                Sample { std::move(metric), series->labels, timestampMs, field.value, subMsNanos });
        }
    }

    LineReader::Series* LineReader::readSeries(std::string_view raw, qsizetype number)
    {
        if (!m_series.empty() && m_series[m_lastSeries].raw == raw)
            return &m_series[m_lastSeries];
        const std::size_t rawHash = std::hash<std::string_view> {}(raw);
        for (std::size_t i = 0; i < m_series.size(); ++i) {
            if (m_series[i].rawHash == rawHash && m_series[i].raw == raw) {
                m_lastSeries = i;
                return &m_series[i];
            }
        }

        if (QString problem = seriesTextProblem(raw); !problem.isEmpty()) {
            fail(number, [&] { return problem; });
            return nullptr;
        }
        const std::size_t measurementEnd = findUnescaped(raw, 0, ',');
        const std::string_view rawMeasurement = raw.substr(0, measurementEnd);
        if (rawMeasurement.empty()) {
            fail(number, [] { return QStringLiteral("missing measurement"); });
            return nullptr;
        }

        m_nextTags.clear();
        for (std::size_t at = measurementEnd; at < raw.size();) {
            ++at; // the comma
            const std::size_t tagEnd = findUnescaped(raw, at, ',');
            const std::string_view rawTag = raw.substr(at, tagEnd - at);
            const std::size_t equals = findUnescaped(rawTag, 0, '=');
            if (equals == 0 || equals == rawTag.size() || findUnescaped(rawTag, equals + 1, '=') != rawTag.size()) {
                fail(number, [&] { return QStringLiteral("bad tag \"%1\"").arg(errorExcerpt(rawTag)); });
                return nullptr;
            }
            Tag tag { rawTag.substr(0, equals), rawTag.substr(equals + 1), {}, {} };
            if (tag.rawValue.empty()) {
                fail(number, [&] { return QStringLiteral("tag \"%1\": missing value").arg(errorExcerpt(tag.rawKey)); });
                return nullptr;
            }
            // Neighbouring series usually share tag keys and most values: reuse those strings.
            const std::size_t position = m_nextTags.size();
            const Tag* previous = position < m_tags.size() ? &m_tags[position] : nullptr;
            if (previous && previous->rawKey == tag.rawKey) {
                tag.key = previous->key;
            } else {
                unescapeInto(m_unescaped, tag.rawKey, keyEscapes);
                assignPrometheusName(m_name, m_unescaped, false);
                tag.key = latin1(m_name);
            }
            tag.value = previous && previous->rawValue == tag.rawValue
                ? previous->value
                : unescaped(m_unescaped, tag.rawValue, keyEscapes);
            m_nextTags.push_back(std::move(tag));
            at = tagEnd;
        }
        // Two tags with one key, or keys that become one label name ("a-b" and "a_b"): InfluxDB refuses the
        // first; keeping either value silently would change the series.
        for (std::size_t i = 1; i < m_nextTags.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (m_nextTags[j].key != m_nextTags[i].key)
                    continue;
                const Tag& first = m_nextTags[j];
                const Tag& second = m_nextTags[i];
                fail(number, [&] {
                    return first.rawKey == second.rawKey
                        ? QStringLiteral("duplicate tag \"%1\"").arg(errorExcerpt(first.rawKey))
                        : QStringLiteral("tags \"%1\" and \"%2\" both become the label \"%3\"")
                              .arg(errorExcerpt(first.rawKey), errorExcerpt(second.rawKey), first.key);
                });
                return nullptr;
            }
        }
        std::swap(m_tags, m_nextTags);

        // A new series takes a free slot, or replaces the oldest one.
        if (m_series.size() < maxCachedSeries) {
            m_lastSeries = m_series.size();
            m_series.emplace_back();
        } else {
            m_lastSeries = m_nextSlot;
            m_nextSlot = (m_nextSlot + 1) % maxCachedSeries;
        }
        Series& series = m_series[m_lastSeries];
        // A reused slot of the same measurement keeps its names (the common case: many series, one
        // measurement, so every line misses the series cache but not the measurement).
        if (series.measurement.isNull() || series.rawMeasurement != rawMeasurement) {
            const auto sameMeasurement = std::find_if(m_series.begin(), m_series.end(), [&](const Series& other) {
                return &other != &series && other.rawMeasurement == rawMeasurement && !other.measurement.isNull();
            });
            if (sameMeasurement != m_series.end()) {
                series.measurement = sameMeasurement->measurement;
                series.metricPrefix = sameMeasurement->metricPrefix;
                series.fieldNames = sameMeasurement->fieldNames;
            } else {
                unescapeInto(m_unescaped, rawMeasurement, measurementEscapes);
                assignPrometheusName(series.metricPrefix, m_unescaped, true);
                series.measurement = latin1(series.metricPrefix);
                series.metricPrefix += '_';
                series.fieldNames.clear();
            }
        }
        series.raw = raw;
        series.rawHash = rawHash;
        series.rawMeasurement = rawMeasurement;
        series.labels.clear();
        series.labels.reserve(m_tags.size());
        for (const Tag& tag : m_tags)
            series.labels.emplace_back(tag.key, tag.value);
        const bool sortedAndUnique = std::adjacent_find(series.labels.begin(), series.labels.end(),
                                         [](const auto& a, const auto& b) { return !(a.first < b.first); })
            == series.labels.end();
        if (!sortedAndUnique)
            normalizeLabels(series.labels);
        return &series;
    }

    QString LineReader::metricFor(Series& series, std::string_view rawKey)
    {
        for (const FieldName& name : series.fieldNames) {
            if (name.rawKey == rawKey)
                return name.metric;
        }
        unescapeInto(m_unescaped, rawKey, keyEscapes);
        QString metric;
        if (m_unescaped == "value") {
            metric = series.measurement;
        } else {
            m_name = series.metricPrefix;
            appendSanitized(m_name, m_unescaped, true);
            metric = latin1(m_name);
        }
        if (series.fieldNames.size() < maxCachedFieldNames)
            series.fieldNames.push_back(FieldName { rawKey, metric });
        return metric;
    }
}

ParseResult LineProtocolParser::parse(QByteArrayView message, qint64 receivedAtMs)
{
    return LineReader(receivedAtMs).read(message);
}

} // namespace perfdash
