#include "WebSocketFrameReader.h"

#include <QIODevice>
#include <QtEndian>
#include <algorithm>

namespace perfdash {

namespace {
    constexpr qint64 maxControlPayload = 125;
    constexpr int closeProtocolError = 1002;
    constexpr int closeNoStatus = 1005;
    constexpr int closeInvalidData = 1007;
    constexpr int closeTooBig = 1009;

    // RFC 6455 section 7.4: the codes an endpoint may put in a close frame. 1005, 1006 and 1015 only report
    // what happened locally and must never be sent.
    bool isSendableCloseCode(int code)
    {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}

WebSocketFrameReader::WebSocketFrameReader(qint64 maxMessageBytes)
    : m_maxMessageBytes(maxMessageBytes)
{
}

void WebSocketFrameReader::reset()
{
    m_header.clear();
    m_inFrame = false;
    m_payloadLeft = 0;
    m_inMessage = false;
    m_message = QByteArray();
}

WebSocketFrameReader::Event WebSocketFrameReader::error(int code, const QString& reason)
{
    Event event;
    event.kind = Event::Kind::ProtocolError;
    event.closeCode = code;
    event.reason = reason;
    return event;
}

WebSocketFrameReader::Event WebSocketFrameReader::next(QIODevice& device)
{
    while (true) {
        if (!m_inFrame) {
            if (!readHeader(device))
                return {};
            Event started = startFrame();
            if (started.kind != Event::Kind::NeedMoreData) {
                reset();
                return started;
            }
            m_inFrame = true;
        }
        if (m_payloadLeft > 0) {
            const qint64 available = device.bytesAvailable();
            if (available <= 0)
                return {};
            QByteArray& target = (m_opcode & 0x8) ? m_control : m_message;
            const qsizetype before = target.size();
            const qint64 wanted = std::min(available, m_payloadLeft);
            target.resize(before + qsizetype(wanted)); // within the capacity startFrame() reserved
            const qint64 got = device.read(target.data() + before, wanted);
            target.resize(before + qsizetype(std::max<qint64>(got, 0)));
            if (got <= 0)
                return {};
            m_payloadLeft -= got;
            if (m_payloadLeft > 0)
                continue;
        }
        m_inFrame = false;
        Event finished = finishFrame();
        if (finished.kind != Event::Kind::NeedMoreData)
            return finished;
        // A message's non-final frame: read on.
    }
}

bool WebSocketFrameReader::readHeader(QIODevice& device)
{
    // 2 bytes, then 0, 2 or 8 of extended length, then 4 of mask when the mask bit is set.
    while (true) {
        qsizetype needed = 2;
        if (m_header.size() >= 2) {
            const quint8 second = quint8(m_header[1]);
            const quint8 lengthCode = second & 0x7F;
            needed += (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + ((second & 0x80) ? 4 : 0);
        }
        if (m_header.size() >= needed)
            return true;
        char byte = 0;
        if (device.read(&byte, 1) != 1)
            return false;
        m_header += byte;
    }
}

WebSocketFrameReader::Event WebSocketFrameReader::startFrame()
{
    const quint8 first = quint8(m_header[0]);
    const quint8 second = quint8(m_header[1]);
    const quint8 lengthCode = second & 0x7F;
    quint64 length = lengthCode;
    if (lengthCode == 126)
        length = qFromBigEndian<quint16>(m_header.constData() + 2);
    else if (lengthCode == 127)
        length = qFromBigEndian<quint64>(m_header.constData() + 2);
    m_header.clear();
    m_final = (first & 0x80) != 0;
    const quint8 opcode = first & 0x0F;
    if (first & 0x70)
        return error(
            closeProtocolError, QStringLiteral("the server set reserved frame bits (no extension was agreed)"));
    if (second & 0x80)
        return error(closeProtocolError, QStringLiteral("the server masked a frame (servers must not)"));
    if (length >> 63)
        return error(closeProtocolError, QStringLiteral("a frame length with the top bit set"));
    if (opcode & 0x8) {
        if (opcode != Close && opcode != Ping && opcode != Pong)
            return error(closeProtocolError, QStringLiteral("unknown control opcode 0x%1").arg(opcode, 0, 16));
        if (!m_final || length > quint64(maxControlPayload)) {
            return error(closeProtocolError,
                QStringLiteral("a control frame that is fragmented or over %1 bytes").arg(maxControlPayload));
        }
        m_opcode = Opcode(opcode);
        m_control.clear();
        m_control.reserve(qsizetype(length));
        m_payloadLeft = qint64(length);
        return {};
    }
    if (opcode != Continuation && opcode != Text && opcode != Binary)
        return error(closeProtocolError, QStringLiteral("unknown data opcode 0x%1").arg(opcode, 0, 16));
    if (opcode == Continuation && !m_inMessage)
        return error(closeProtocolError, QStringLiteral("a continuation frame with no message to continue"));
    if (opcode != Continuation && m_inMessage)
        return error(closeProtocolError, QStringLiteral("a new message before the last frame of the previous one"));
    // Refused on the header: nothing of a message over the limit is read.
    const quint64 total = quint64(m_inMessage ? m_message.size() : 0) + length;
    if (total > quint64(m_maxMessageBytes))
        return error(closeTooBig, QStringLiteral("a message exceeded the %1-byte limit").arg(m_maxMessageBytes));
    if (!m_inMessage) {
        m_inMessage = true;
        m_messageOpcode = Opcode(opcode);
        m_message = QByteArray();
        // A lone frame needs its own length. A fragmented message may grow to the limit: reserving that once
        // costs address space, not memory (pages count when written), and spares a copy at every growth.
        m_message.reserve(qsizetype(m_final ? length : quint64(std::min(m_maxMessageBytes, maxUpFrontReservation))));
    }
    m_opcode = Opcode(opcode);
    m_payloadLeft = qint64(length);
    return {};
}

WebSocketFrameReader::Event WebSocketFrameReader::finishFrame()
{
    Event event;
    switch (m_opcode) {
    case Ping:
        event.kind = Event::Kind::Ping;
        event.payload = std::exchange(m_control, QByteArray());
        return event;
    case Pong:
        event.kind = Event::Kind::Pong;
        event.payload = std::exchange(m_control, QByteArray());
        return event;
    case Close:
        if (m_control.size() == 1)
            return error(closeProtocolError, QStringLiteral("a close frame with a 1-byte payload"));
        event.kind = Event::Kind::Close;
        event.closeCode = m_control.isEmpty() ? closeNoStatus : int(qFromBigEndian<quint16>(m_control.constData()));
        if (!m_control.isEmpty() && !isSendableCloseCode(event.closeCode))
            return error(closeProtocolError, QStringLiteral("the server's close code %1 is not allowed").arg(event.closeCode));
        if (const QByteArray reason = m_control.mid(2); reason.isValidUtf8())
            event.reason = QString::fromUtf8(reason);
        else
            return error(closeInvalidData, QStringLiteral("a close reason that is not valid UTF-8"));
        event.payload = std::exchange(m_control, QByteArray());
        return event;
    default:
        break;
    }
    if (!m_final)
        return {};
    m_inMessage = false;
    QByteArray message = std::exchange(m_message, QByteArray());
    if (message.capacity() > message.size() + 4096)
        message.squeeze(); // give back the limit reserved for a fragmented message
    if (m_messageOpcode == Text && !message.isValidUtf8())
        return error(closeInvalidData, QStringLiteral("a text message that is not valid UTF-8"));
    event.kind = Event::Kind::Message;
    event.payload = std::move(message);
    return event;
}

} // namespace perfdash
