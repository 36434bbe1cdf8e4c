#pragma once

#include <QElapsedTimer>
#include <QStringList>
#include <functional>

namespace perfdash {

class GuiSession;

// What the headless commands (snapshot, compare-windows) share to let a session's streams run.

// Turns the event loop until `done` holds or `clock` passes budgetMs; returns whether `done` holds.
bool waitFor(const QElapsedTimer& clock, qint64 budgetMs, const std::function<bool()>& done);

// The streams of `session` that have sent nothing yet, each with its URL and why ("no data from stream …").
QStringList silentStreams(const GuiSession& session, double waitSeconds);

// Streams have no "answer": they send what happens in the wait. Then every stream is stopped, so a server that
// floods cannot keep the command running past --wait. Returns the streams that sent nothing.
QStringList collectStreams(GuiSession& session, double waitSeconds);

} // namespace perfdash
