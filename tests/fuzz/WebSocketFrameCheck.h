#pragma once

#include "WebSocketFrameReader.h"

#include <QBuffer>
#include <QList>
#include <QString>
#include <algorithm>

// What fuzz_websocket checks, shared with tst_fuzzcorpus: the first byte picks how the rest arrives (whole,
// or in pieces of 1..255 bytes, as a socket hands bytes over); both ways must read the same events, every
// message within the limit, every refusal with a close code and a reason. Empty when all holds.
namespace perfdash::fuzz {

inline constexpr qint64 webSocketFuzzLimit = 4096; // small, so the limit is reached often

struct SeenEvent {
    int kind;
    QByteArray payload;
    int code;
    QString reason;
    bool operator==(const SeenEvent&) const = default;
};

inline QList<SeenEvent> readWebSocketFrames(const QByteArray& bytes, qsizetype step, QString* problem)
{
    WebSocketFrameReader reader(webSocketFuzzLimit);
    QBuffer device;
    device.open(QIODevice::ReadOnly);
    QList<SeenEvent> seen;
    for (qsizetype fed = 0; fed < bytes.size();) {
        const qsizetype chunk = step == 0 ? bytes.size() : std::min(step, bytes.size() - fed);
        device.buffer().append(bytes.mid(fed, chunk));
        fed += chunk;
        while (true) {
            WebSocketFrameReader::Event event = reader.next(device);
            using Kind = WebSocketFrameReader::Event::Kind;
            if (event.kind == Kind::NeedMoreData)
                break;
            if (event.kind == Kind::Message && event.payload.size() > webSocketFuzzLimit)
                *problem = QStringLiteral("a message over the limit");
            if (event.kind == Kind::ProtocolError
                && (event.reason.isEmpty()
                    || (event.closeCode != 1002 && event.closeCode != 1007 && event.closeCode != 1009)))
                *problem = QStringLiteral("a refusal without a reason or a proper close code");
            seen.append({ int(event.kind), event.payload, event.closeCode, event.reason });
            if (event.kind == Kind::ProtocolError)
                return seen; // the stream cannot be resynchronised
        }
    }
    return seen;
}

inline QString checkWebSocketInput(const QByteArray& input)
{
    if (input.isEmpty())
        return {};
    const qsizetype step = quint8(input[0]);
    const QByteArray bytes = input.mid(1);
    QString problem;
    if (readWebSocketFrames(bytes, 0, &problem) != readWebSocketFrames(bytes, step, &problem) && problem.isEmpty())
        problem = QStringLiteral("read whole and read in pieces of %1 bytes differ").arg(step);
    return problem;
}

} // namespace perfdash::fuzz
