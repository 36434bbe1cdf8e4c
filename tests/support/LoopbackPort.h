#pragma once

#include <QtGlobal>

// A loopback port nobody listens on: one the kernel just handed out and that was closed again at once, so a
// connection to 127.0.0.1 on it is refused (until something else happens to take it).
quint16 closedLoopbackPort();
