#include "JsonV1Writer.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace perfdash {

namespace {
    void appendJsonString(QByteArray& out, const QString& text)
    {
        out += '"';
        for (const char c : text.toUtf8()) {
            switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                    out += escaped;
                } else {
                    out += c;
                }
            }
        }
        out += '"';
    }

    void appendNumber(QByteArray& out, double value)
    {
        if (std::isnan(value)) {
            out += "\"NaN\"";
        } else if (std::isinf(value)) {
            out += value > 0 ? "\"+Inf\"" : "\"-Inf\"";
        } else {
            char buffer[32];
            // Shortest round-trip form: the reader gets back the exact double.
            const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
            out.append(buffer, result.ptr - buffer);
        }
    }

    void appendLabels(QByteArray& out, const Labels& labels)
    {
        if (labels.empty())
            return;
        out += ",\"labels\":{";
        bool firstLabel = true;
        for (const auto& [name, value] : labels) {
            if (!firstLabel)
                out += ',';
            firstLabel = false;
            appendJsonString(out, name);
            out += ':';
            appendJsonString(out, value);
        }
        out += '}';
    }

    void appendHistogram(QByteArray& out, const CumulativeHistogram& histogram, qint64 timestampMs)
    {
        out += "{\"metric\":";
        appendJsonString(out, histogram.metric);
        appendLabels(out, histogram.labels);
        out += ",\"ts\":";
        out += QByteArray::number(timestampMs);
        out += ",\"buckets\":[";
        for (std::size_t i = 0; i < histogram.cumulativeCounts.size(); ++i) {
            if (i > 0)
                out += ',';
            out += '[';
            appendNumber(out,
                i < histogram.upperBounds.size() ? histogram.upperBounds[i] : std::numeric_limits<double>::infinity());
            out += ',';
            appendNumber(out, histogram.cumulativeCounts[i]);
            out += ']';
        }
        out += "],\"count\":";
        appendNumber(out, histogram.count());
        out += ",\"sum\":";
        appendNumber(out, histogram.sum);
        out += '}';
    }
}

QByteArray JsonV1Writer::write(
    const SampleBatch& batch, const std::vector<CumulativeHistogram>& histograms, qint64 timestampMs)
{
    QByteArray out;
    out.reserve(64 + int(batch.size()) * 96);
    out += "{\"v\":1,\"samples\":[";
    bool firstSample = true;
    for (const Sample& sample : batch) {
        if (!firstSample)
            out += ',';
        firstSample = false;
        out += "{\"metric\":";
        appendJsonString(out, sample.metric);
        appendLabels(out, sample.labels);
        out += ",\"ts\":";
        out += QByteArray::number(sample.timestampMs);
        out += ",\"value\":";
        appendNumber(out, sample.value);
        out += '}';
    }
    for (const CumulativeHistogram& histogram : histograms) {
        if (!firstSample)
            out += ',';
        firstSample = false;
        appendHistogram(out, histogram, timestampMs);
    }
    out += "]}";
    return out;
}

QByteArray JsonV1Writer::writeAnnotations(const QList<Annotation>& annotations)
{
    QByteArray out = "{\"v\":1,\"samples\":[],\"annotations\":[";
    bool firstAnnotation = true;
    for (const Annotation& annotation : annotations) {
        if (!firstAnnotation)
            out += ',';
        firstAnnotation = false;
        out += "{\"ts\":";
        out += QByteArray::number(annotation.timeMs);
        if (annotation.isRange()) {
            out += ",\"endTs\":";
            out += QByteArray::number(annotation.endMs);
        }
        out += ",\"text\":";
        appendJsonString(out, annotation.text);
        out += ",\"tags\":[";
        for (qsizetype i = 0; i < annotation.tags.size(); ++i) {
            if (i > 0)
                out += ',';
            appendJsonString(out, annotation.tags[i]);
        }
        out += "]}";
    }
    out += "]}";
    return out;
}

} // namespace perfdash
