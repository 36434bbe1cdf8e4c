#include "KeyTraceFile.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <zlib.h>

namespace perfdash {

namespace {

    constexpr std::size_t longestLine = 1 << 20;
    // OfflineCacheSimulator keeps a write flag in the top bit of a key id.
    constexpr std::size_t mostDistinctKeys = std::size_t(1) << 31;

    // The fields of a CSV line: commas separate, double quotes may enclose a field ("" is a quote).
    std::vector<std::string> csvFields(std::string_view line)
    {
        std::vector<std::string> fields(1);
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted) {
                if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                    fields.back() += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    fields.back() += c;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.emplace_back();
            } else {
                fields.back() += c;
            }
        }
        return fields;
    }

    std::string trimmedLower(std::string text)
    {
        const auto first = text.find_first_not_of(" \t");
        const auto last = text.find_last_not_of(" \t");
        text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
        for (char& c : text)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        return text;
    }

    class TraceReader {
    public:
        TraceReader(const QString& path, bool csv)
            : m_path(path)
            , m_csv(csv)
        {
            m_trace = std::make_shared<KeyTrace>();
            m_trace->source = path;
        }

        // False with m_error set when the line is bad.
        bool line(std::string_view text)
        {
            ++m_lineNumber;
            if (!text.empty() && text.back() == '\r')
                text.remove_suffix(1);
            if (text.find_first_not_of(" \t") == std::string_view::npos)
                return true;
            if (!m_csv)
                return add(text, std::nullopt);
            std::vector<std::string> fields = csvFields(text);
            if (m_keyColumn < 0)
                return header(fields);
            if (fields.size() != m_columns)
                return fail(QStringLiteral("%1 fields, but the header has %2").arg(fields.size()).arg(m_columns));
            std::optional<double> time;
            if (m_timeColumn >= 0) {
                const std::string& field = fields[std::size_t(m_timeColumn)];
                const std::string trimmed = trimmedLower(field);
                double seconds = 0;
                const auto [end, problem] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), seconds);
                if (problem != std::errc() || end != trimmed.data() + trimmed.size() || !std::isfinite(seconds))
                    return fail(QStringLiteral("timestamp \"%1\" is not a number of seconds")
                                    .arg(QString::fromStdString(field).left(80)));
                // The replay's clock counts nanoseconds in 64 bits: about ±292 years around 1970.
                if (std::abs(seconds) > 9e9)
                    return fail(QStringLiteral("timestamp %1 is out of range (at most ±9e9 seconds)")
                                    .arg(QString::fromStdString(trimmed).left(80)));
                time = seconds;
            }
            return add(fields[std::size_t(m_keyColumn)], time);
        }

        std::shared_ptr<KeyTrace> finish(QString* error)
        {
            if (m_csv && m_keyColumn < 0) {
                *error = QStringLiteral("%1: the CSV file has no header row").arg(m_path);
                return nullptr;
            }
            if (m_trace->keys.empty()) {
                *error = QStringLiteral("%1: the trace holds no keys").arg(m_path);
                return nullptr;
            }
            m_trace->distinctKeys = m_ids.size();
            return m_trace;
        }

        const QString& error() const { return m_error; }
        qint64 lineNumber() const { return m_lineNumber; }

    private:
        bool header(const std::vector<std::string>& fields)
        {
            m_columns = fields.size();
            QStringList names;
            for (std::size_t i = 0; i < fields.size(); ++i) {
                const std::string name = trimmedLower(fields[i]);
                names << QString::fromStdString(name);
                if (name == "key")
                    m_keyColumn = int(i);
                else if (name == "timestamp" || name == "time" || name == "ts")
                    m_timeColumn = int(i);
            }
            if (m_keyColumn < 0)
                return fail(QStringLiteral("the header names no \"key\" column (it has: %1)").arg(names.join(", ")));
            return true;
        }

        bool add(std::string_view key, std::optional<double> time)
        {
            auto [found, added] = m_ids.try_emplace(std::string(key), std::uint32_t(m_ids.size()));
            if (added && m_ids.size() > mostDistinctKeys)
                return fail(QStringLiteral("more than %1 distinct keys").arg(mostDistinctKeys));
            m_trace->keys.push_back(found->second);
            if (time)
                m_trace->timesSeconds.push_back(*time);
            return true;
        }

        bool fail(const QString& problem)
        {
            m_error = QStringLiteral("%1:%2: %3").arg(m_path).arg(m_lineNumber).arg(problem);
            return false;
        }

        QString m_path;
        bool m_csv;
        std::shared_ptr<KeyTrace> m_trace;
        std::unordered_map<std::string, std::uint32_t> m_ids;
        qint64 m_lineNumber = 0;
        int m_keyColumn = -1;
        int m_timeColumn = -1;
        std::size_t m_columns = 0;
        QString m_error;
    };

    std::shared_ptr<const KeyTrace> readUncached(const QString& path, QString* error)
    {
        QString name = QFileInfo(path).fileName().toLower();
        if (name.endsWith(QLatin1String(".gz")))
            name.chop(3);
        TraceReader reader(path, name.endsWith(QLatin1String(".csv")));
        // gzread reads plain files as they are, so one path serves both.
        gzFile file = gzopen(QFile::encodeName(path).constData(), "rb");
        if (!file) {
            *error = QStringLiteral("%1: cannot open: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return nullptr;
        }
        gzbuffer(file, 1 << 18);
        std::vector<char> chunk(1 << 18);
        std::string pending;
        bool ok = true;
        while (ok) {
            const int read = gzread(file, chunk.data(), unsigned(chunk.size()));
            if (read < 0) {
                int code = 0;
                *error = QStringLiteral("%1: cannot read: %2").arg(path, QString::fromLatin1(gzerror(file, &code)));
                gzclose(file);
                return nullptr;
            }
            if (read == 0)
                break;
            std::string_view data(chunk.data(), std::size_t(read));
            while (ok && !data.empty()) {
                const auto newline = data.find('\n');
                if (newline == std::string_view::npos) {
                    pending.append(data);
                    data = {};
                } else if (pending.empty()) {
                    ok = reader.line(data.substr(0, newline));
                    data.remove_prefix(newline + 1);
                } else {
                    pending.append(data.substr(0, newline));
                    ok = reader.line(pending);
                    pending.clear();
                    data.remove_prefix(newline + 1);
                }
                if (pending.size() > longestLine) {
                    *error = QStringLiteral("%1:%2: a line longer than %3 bytes")
                                 .arg(path)
                                 .arg(reader.lineNumber() + 1)
                                 .arg(longestLine);
                    gzclose(file);
                    return nullptr;
                }
            }
        }
        int code = Z_OK;
        const char* message = gzerror(file, &code);
        const QString zlibProblem = code != Z_OK && code != Z_STREAM_END ? QString::fromLatin1(message) : QString();
        // A gzip stream cut short reads as an early end: gzclose says so.
        const int closed = gzclose(file);
        if (!ok) {
            *error = reader.error();
            return nullptr;
        }
        if (!zlibProblem.isEmpty() || closed == Z_BUF_ERROR) {
            *error = QStringLiteral("%1: the gzip data is truncated or corrupt%2")
                         .arg(path, zlibProblem.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(zlibProblem));
            return nullptr;
        }
        if (!pending.empty() && !reader.line(pending)) {
            *error = reader.error();
            return nullptr;
        }
        return reader.finish(error);
    }

} // namespace

std::shared_ptr<const KeyTrace> readKeyTrace(const QString& path, QString* error)
{
    static std::mutex mutex;
    static std::shared_ptr<const KeyTrace> last;
    static QString lastStamp;
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return nullptr;
    }
    if (info.isDir()) {
        *error = QStringLiteral("%1: is a folder, not a key trace").arg(path);
        return nullptr;
    }
    const QString stamp = QStringLiteral("%1|%2|%3")
                              .arg(info.absoluteFilePath())
                              .arg(info.size())
                              .arg(info.lastModified().toMSecsSinceEpoch());
    std::lock_guard lock(mutex);
    if (last && stamp == lastStamp)
        return last;
    last = readUncached(path, error);
    lastStamp = last ? stamp : QString();
    return last;
}

} // namespace perfdash
