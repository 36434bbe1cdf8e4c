#include "IngestStatus.h"

namespace perfdash {

QString ConnectionStatus::describe() const
{
    if (sourceCount > 1) {
        ConnectionStatus one = *this;
        one.sourceCount = 1;
        if (state == ConnectionState::Live) // the most troubled one is live: all are
            return QStringLiteral("live: all %1 streams").arg(sourceCount);
        return endpoint + QStringLiteral(": ") + one.describe()
            + QStringLiteral(" · %1 of %2 streams live").arg(liveCount).arg(sourceCount);
    }
    switch (state) {
    case ConnectionState::Idle:
        return QStringLiteral("idle");
    case ConnectionState::Connecting:
        return QStringLiteral("connecting to %1…").arg(endpoint);
    case ConnectionState::Live:
        return QStringLiteral("live: %1").arg(endpoint);
    case ConnectionState::Reconnecting: {
        const int seconds = (retryInMs + 999) / 1000;
        QString text = QStringLiteral("reconnecting in %1 s (attempt %2)").arg(seconds).arg(attempt);
        if (!detail.isEmpty())
            text += QStringLiteral(": ") + detail;
        return text;
    }
    case ConnectionState::Failed:
        return QStringLiteral("failed: %1").arg(detail);
    }
    return {};
}

ConnectionStatus ConnectionStatus::combined(const QList<ConnectionStatus>& statuses)
{
    if (statuses.isEmpty())
        return {};
    const auto rank = [](ConnectionState state) {
        switch (state) {
        case ConnectionState::Failed:
            return 4;
        case ConnectionState::Reconnecting:
            return 3;
        case ConnectionState::Connecting:
            return 2;
        case ConnectionState::Idle:
            return 1;
        case ConnectionState::Live:
            break;
        }
        return 0;
    };
    ConnectionStatus shown = statuses.first();
    int live = 0;
    for (const ConnectionStatus& status : statuses) {
        live += status.state == ConnectionState::Live ? 1 : 0;
        if (rank(status.state) > rank(shown.state))
            shown = status;
    }
    shown.sourceCount = int(statuses.size());
    shown.liveCount = live;
    return shown;
}

IngestCounters& IngestCounters::operator+=(const IngestCounters& other)
{
    messagesReceived += other.messagesReceived;
    samplesParsed += other.samplesParsed;
    samplesStored += other.samplesStored;
    malformedMessages += other.malformedMessages;
    parseErrors += other.parseErrors;
    droppedMessages += other.droppedMessages;
    rejectedSamples += other.rejectedSamples;
    if (!other.lastError.isEmpty())
        lastError = other.lastError;
    return *this;
}

} // namespace perfdash
