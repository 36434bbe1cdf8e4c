#pragma once

#include "PanelSpec.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace perfdash {

// What reading a dashboard file gave: the dashboard, or the one reason it was refused, naming where
// ("panels[3].target: expected a number"). Never half a dashboard.
struct DashboardLoadResult {
    std::optional<DashboardSpec> dashboard;
    QString error;
};

// The versioned JSON dashboard format ("perfdash_dashboard": 1). Fields this version does not know are
// kept in the specs' unknownFields and written back, so an older perfdash never loses a newer one's data.
// Data sources hold secret *references* only; a file with a secret in it is refused.
class DashboardFile {
public:
    static constexpr int formatVersion = 1;
    // Suffix of dashboard files: "team.perfdash.json".
    static QString suffix() { return QStringLiteral(".perfdash.json"); }

    static DashboardLoadResult load(const QByteArray& json);
    // Reads a file; errors start with the file's path.
    static DashboardLoadResult loadFile(const QString& path);
    static QByteArray toJson(const DashboardSpec& dashboard);
    // Writes through QSaveFile: the old file stays whole unless the new one was written completely.
    static bool save(const DashboardSpec& dashboard, const QString& path, QString* error);
};

} // namespace perfdash
