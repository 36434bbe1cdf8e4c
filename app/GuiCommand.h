#pragma once

class QApplication;

namespace perfdash {

// `perfdash` without a command: reads its options, opens the window and runs until it is closed (or
// --quit-after). Exit 2 on a bad option, with the reason on stderr.
int runGuiCommand(QApplication& app);

} // namespace perfdash
