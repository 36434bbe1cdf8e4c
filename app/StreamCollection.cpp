#include "StreamCollection.h"

#include "GuiSession.h"
#include "StreamSource.h"

#include <QEventLoop>
#include <QTimer>

namespace perfdash {

bool waitFor(const QElapsedTimer& clock, qint64 budgetMs, const std::function<bool()>& done)
{
    while (!done() && clock.elapsed() < budgetMs) {
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

QStringList silentStreams(const GuiSession& session, double waitSeconds)
{
    QStringList problems;
    for (StreamSource* source : session.streamSources()) {
        const ConnectionStatus status = source->status();
        if (source->counters().messagesReceived == 0) {
            problems << QStringLiteral("no data from stream %1 within %2 s: %3")
                            .arg(source->url().toDisplayString(QUrl::RemoveUserInfo))
                            .arg(waitSeconds)
                            .arg(status.detail.isEmpty() ? status.describe() : status.detail);
        }
    }
    return problems;
}

QStringList collectStreams(GuiSession& session, double waitSeconds)
{
    if (!session.streamSources().isEmpty()) {
        QEventLoop wait;
        QTimer::singleShot(int(waitSeconds * 1000), &wait, &QEventLoop::quit);
        wait.exec();
    }
    QStringList problems = silentStreams(session, waitSeconds);
    session.stopStreams();
    return problems;
}

} // namespace perfdash
