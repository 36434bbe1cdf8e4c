#pragma once

namespace perfdash {

// Qt's offscreen platform says "does not support propagateSizeHints" and "XDG_RUNTIME_DIR not set" on every
// run; they are noise in a CI log, not problems. Installs a message handler that drops just those.
void quietOffscreenMessages();

} // namespace perfdash
