#include "RunHistoryFiles.h"

#include "ProfileRunFile.h"

#include <QDir>
#include <QFileInfo>

namespace perfdash {

std::optional<QList<HistoryRun>> readHistoryRuns(const QStringList& filesOrFolders, QString* error)
{
    QStringList files;
    for (const QString& argument : filesOrFolders) {
        if (!QFileInfo(argument).isDir()) {
            files << argument;
            continue;
        }
        const QDir folder(argument);
        const QStringList inside = folder.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        if (inside.isEmpty()) {
            *error = QStringLiteral("%1: the folder holds no .json run files").arg(argument);
            return std::nullopt;
        }
        for (const QString& name : inside)
            files << folder.filePath(name);
    }
    QList<HistoryRun> runs;
    for (const QString& file : files) {
        auto run = readProfileRunFile(file, error);
        if (!run)
            return std::nullopt;
        runs.append({ file, std::move(*run) });
    }
    return runs;
}

} // namespace perfdash
