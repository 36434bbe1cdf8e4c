#pragma once

#include "RunHistory.h"

#include <QStringList>
#include <optional>

namespace perfdash {

// The runs of a history from run files and folders of them (a folder stands for its *.json files), for
// `perfdash history` and the Profiling tab alike. One unreadable file refuses the whole history, with
// *error naming it: a history with a hole would move every change point after it.
std::optional<QList<HistoryRun>> readHistoryRuns(const QStringList& filesOrFolders, QString* error);

} // namespace perfdash
