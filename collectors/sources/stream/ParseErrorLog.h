#pragma once

#include <QString>
#include <QStringList>

#include <utility>

namespace perfdash {

// Records the first maxRecorded reasons of one message and only counts the rest, so a million bad
// samples or lines cost a counter, not a million strings. Shared by the stream parsers.
class ParseErrorLog {
public:
    static constexpr qsizetype maxRecorded = 20;

    // makeText is only called for errors that are recorded.
    template <typename MakeText> void add(MakeText&& makeText)
    {
        if (m_count++ < maxRecorded)
            m_errors.append(makeText());
    }

    QStringList take()
    {
        if (m_count > maxRecorded)
            m_errors.append(QStringLiteral("... and %1 more errors").arg(m_count - maxRecorded));
        return std::move(m_errors);
    }

private:
    QStringList m_errors;
    qsizetype m_count = 0;
};

} // namespace perfdash
