#pragma once

#include <QList>
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
    // When this stands for several sources (combined()): how many there are and how many are live.
    int sourceCount = 1;
    int liveCount = 0;

    // "live", "connecting…", "reconnecting in 3 s (attempt 2): Connection refused", "failed: …"; for several
    // sources "live: all 3 streams", or the troubled one's endpoint first and "· 1 of 2 streams live" after.
    QString describe() const;

    // Several sources as one: the most troubled one (failed, reconnecting, connecting, idle, then live), so a
    // dead stream is never hidden behind a live one.
    static ConnectionStatus combined(const QList<ConnectionStatus>& statuses);
};

// Running totals of one source since start. Every message or sample that does not reach the store is
// in exactly one of the drop counters, so received == stored + malformed + dropped + rejected holds.
struct IngestCounters {
    quint64 messagesReceived = 0;
    quint64 samplesParsed = 0;
    quint64 samplesStored = 0;
    quint64 malformedMessages = 0;
    // Parse errors (bad samples, lines or annotations), each one a sample, line or annotation that was not
    // stored, except a stream annotation's over-long text, which is kept cut.
    quint64 parseErrors = 0;
    // Messages dropped unparsed because the ingest queue was full.
    quint64 droppedMessages = 0;
    // Parsed samples the store refused (out of order, duplicate timestamp, series limit).
    quint64 rejectedSamples = 0;
    QString lastError;

    // Totals over several sources; the last error of the one added last that has one.
    IngestCounters& operator+=(const IngestCounters& other);
};

} // namespace perfdash
