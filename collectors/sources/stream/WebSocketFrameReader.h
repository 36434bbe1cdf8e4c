#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

class QIODevice;

namespace perfdash {

// Turns the bytes a WebSocket server sends (RFC 6455 section 5, after the handshake) into whole messages and
// control frames, checking every rule a client must: unmasked frames, no reserved bits, known opcodes,
// control frames short and unfragmented, continuations only inside a message, text that is UTF-8, and the
// message size limit. Payload is read from the device straight into the message, whose memory is reserved
// once; a frame that would take the message over the limit is refused from its header, before its payload
// is read. Separate from WebSocketClient so a fuzzer can drive it with any bytes.
class WebSocketFrameReader {
public:
    struct Event {
        enum class Kind { NeedMoreData, Message, Ping, Pong, Close, ProtocolError };
        Kind kind = Kind::NeedMoreData;
        // Message: the message (a text one as its UTF-8 bytes). Ping, Pong: the frame's payload.
        QByteArray payload;
        // Close: the server's code (1005 when it sent none) and reason. ProtocolError: the code to close
        // with (1002, 1007 or 1009) and what was wrong.
        int closeCode = 0;
        QString reason;
    };

    explicit WebSocketFrameReader(qint64 maxMessageBytes);

    // The next event from what the device holds; NeedMoreData when it holds no whole one yet. After a
    // ProtocolError the stream cannot be resynchronised: stop reading.
    Event next(QIODevice& device);
    // Drops a message being assembled (its memory goes at once).
    void reset();

    // Past this a fragmented message grows by copying instead of reserving the whole limit up front.
    static constexpr qint64 maxUpFrontReservation = 64 * 1024 * 1024;

private:
    enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

    bool readHeader(QIODevice& device);
    // Checks the header and prepares for the payload; an error event when the frame breaks a rule.
    Event startFrame();
    Event finishFrame();
    static Event error(int code, const QString& reason);

    qint64 m_maxMessageBytes;
    QByteArray m_header;
    bool m_inFrame = false;
    bool m_final = false;
    Opcode m_opcode = Continuation;
    qint64 m_payloadLeft = 0;
    QByteArray m_control;
    bool m_inMessage = false;
    Opcode m_messageOpcode = Binary;
    QByteArray m_message;
};

} // namespace perfdash
