#pragma once

#include <QString>
#include <QtGlobal>

namespace perfdash {

enum class ConnectionState { Idle, Connecting, Live, Reconnecting, Failed };

// What the UI shows about one live source. Plain values, so the ui layer needs no collectors include.
struct ConnectionStatus {
    ConnectionState state = ConnectionState::Idle;
    QString endpoint;
    // Why we are reconnecting or failed: the socket's own words.
    QString detail;
    int retryInMs = 0;
    int attempt = 0;

    // "live", "connecting…", "reconnecting in 3 s (attempt 2): Connection refused", "failed: …"
    QString describe() const;
};

// Running totals of one source since start. Every message or sample that does not reach the store is
// in exactly one of the drop counters, so received == stored + malformed + dropped + rejected holds.
struct IngestCounters {
    quint64 messagesReceived = 0;
    quint64 samplesParsed = 0;
    quint64 samplesStored = 0;
    quint64 malformedMessages = 0;
    // Parse errors (bad samples or lines), each one a sample or line that was not stored.
    quint64 parseErrors = 0;
    // Messages dropped unparsed because the ingest queue was full.
    quint64 droppedMessages = 0;
    // Parsed samples the store refused (out of order, duplicate timestamp, series limit).
    quint64 rejectedSamples = 0;
    QString lastError;
};

} // namespace perfdash
