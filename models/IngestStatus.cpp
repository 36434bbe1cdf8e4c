#include "IngestStatus.h"

namespace perfdash {

QString ConnectionStatus::describe() const
{
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

} // namespace perfdash
