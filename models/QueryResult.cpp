#include "QueryResult.h"

namespace perfdash {

QString queryResultTypeName(QueryResultType type)
{
    switch (type) {
    case QueryResultType::Matrix:
        return QStringLiteral("matrix");
    case QueryResultType::Vector:
        return QStringLiteral("vector");
    case QueryResultType::Scalar:
        return QStringLiteral("scalar");
    case QueryResultType::String:
        return QStringLiteral("string");
    }
    return QStringLiteral("unknown");
}

} // namespace perfdash
