#include "Sample.h"

#include <algorithm>

namespace perfdash {

namespace {
    void appendEscaped(QString& out, const QString& value)
    {
        for (const QChar c : value) {
            if (c == u'\\')
                out += u"\\\\";
            else if (c == u'"')
                out += u"\\\"";
            else if (c == u'\n')
                out += u"\\n";
            else
                out += c;
        }
    }
}

void normalizeLabels(Labels& labels)
{
    std::stable_sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // Keep the last of equal names: walk backwards, erase earlier duplicates.
    for (auto it = labels.begin(); it != labels.end();) {
        auto next = it + 1;
        if (next != labels.end() && next->first == it->first)
            it = labels.erase(it);
        else
            it = next;
    }
}

QString seriesKey(const QString& metric, const Labels& labels)
{
    if (labels.empty())
        return metric;
    QString key = metric;
    key.reserve(metric.size() + 16 * int(labels.size()));
    key += u'{';
    bool first = true;
    for (const auto& [name, value] : labels) {
        if (!first)
            key += u',';
        first = false;
        key += name;
        key += u"=\"";
        appendEscaped(key, value);
        key += u'"';
    }
    key += u'}';
    return key;
}

} // namespace perfdash
