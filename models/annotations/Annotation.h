#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace perfdash {

// A mark on the time axis of every panel: a point (endMs == timeMs) or a range, with text and tags.
// Where it came from decides who may change it: only user notes are saved in the dashboard file.
struct Annotation {
    enum class Origin { User, Stream, Query, Profiling };

    qint64 timeMs = 0;
    qint64 endMs = 0; // == timeMs for a point; > timeMs for a range
    QString text;
    QStringList tags;
    Origin origin = Origin::User;
    // A user note's fields of the dashboard file this version does not know, written back on save. Brace-initialised
    // so that aggregate initialisations leaving it out (most of them) stay warning-free.
    QJsonObject unknownFields {};

    bool isRange() const { return endMs > timeMs; }
    bool hasTag(const QString& tag) const { return tags.contains(tag, Qt::CaseInsensitive); }
    // Touches [fromMs, toMs] (inclusive): what a panel showing that range draws.
    bool overlaps(qint64 fromMs, qint64 toMs) const { return timeMs <= toMs && endMs >= fromMs; }
    bool operator==(const Annotation&) const = default;
};

QString annotationOriginName(Annotation::Origin origin);

} // namespace perfdash
