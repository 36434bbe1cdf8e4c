#pragma once

#include <QByteArray>
#include <QList>

namespace perfdash {

// One Redis reply, copied out of hiredis's so it can cross threads; or why there was none.
struct RedisReply {
    enum class Type {
        String, // bulk string: text
        Status, // simple string such as OK: text
        Integer, // integer
        Nil, // a missing key
        Array, // elements
        Error, // the server refused the command: text is its message (WRONGPASS, NOAUTH, …)
        ConnectionLost, // no connection, or it broke before the reply: text says why
        Timeout, // no reply within the caller's time limit
    };
    Type type = Type::Nil;
    QByteArray text;
    long long integer = 0;
    QList<RedisReply> elements;

    // No usable answer: the server refused, the connection failed or time ran out.
    bool failed() const { return type == Type::Error || type == Type::ConnectionLost || type == Type::Timeout; }

    static RedisReply failure(Type type, QByteArray why)
    {
        RedisReply reply;
        reply.type = type;
        reply.text = std::move(why);
        return reply;
    }
};

} // namespace perfdash
