#pragma once

#include "IngestStatus.h"

#include <QObject>

namespace perfdash {

// What every source a dashboard reads has in common, so the app starts, stops and shows them alike
// (PlotJuggler's streamer interface, in Qt terms). A source may live on another thread: call start() and
// stop() on its thread (QMetaObject::invokeMethod); status() and counters() are thread-safe snapshots.
class DataSource : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    Q_INVOKABLE virtual void start() = 0;
    // Stops reading and keeps what was read; start() again resumes.
    Q_INVOKABLE virtual void stop() = 0;
    virtual ConnectionStatus status() const = 0;
    // Ingest totals, for sources that feed the store; a source that does not reports zeros.
    virtual IngestCounters counters() const { return {}; }

Q_SIGNALS:
    void statusChanged(const perfdash::ConnectionStatus& status);
    // A failure the user should read, once per occurrence (a stream: a malformed message). Failures that
    // are a state (unreachable, refused credentials) are in status() instead.
    void errorOccurred(const QString& message);
};

} // namespace perfdash
