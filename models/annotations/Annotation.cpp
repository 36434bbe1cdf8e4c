#include "Annotation.h"

namespace perfdash {

QString annotationOriginName(Annotation::Origin origin)
{
    switch (origin) {
    case Annotation::Origin::User:
        return QStringLiteral("note");
    case Annotation::Origin::Stream:
        return QStringLiteral("stream");
    case Annotation::Origin::Query:
        return QStringLiteral("query");
    case Annotation::Origin::Profiling:
        return QStringLiteral("profiling run");
    }
    return QString();
}

} // namespace perfdash
