#pragma once

#include "FrameProbe.h"
#include "IngestStatus.h"
#include "LatencyRecorder.h"
#include "TimeSeriesStore.h"

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace perfdash {

// The Diagnostics page: sample-to-pixel latency, the GUI-thread cost per frame, the store's footprint
// and the ingest counters, refreshed by whoever polls (GuiSession's status timer), never per sample.
class DiagnosticsView : public QWidget {
    Q_OBJECT
public:
    explicit DiagnosticsView(QWidget* parent = nullptr);

    void showStats(
        const LatencySummary& latency, const FrameCost& frames, const StoreStats& store, const IngestCounters& ingest);

    // The text shown for one field ("latency.p99", "store.bytesPerSample", …), for tests.
    QString fieldText(const QString& field) const;

Q_SIGNALS:
    void resetLatencyRequested();

private:
    QLabel* addField(QFormLayout* form, const QString& field, const QString& label);
    void setField(const QString& field, const QString& text);

    QHash<QString, QLabel*> m_fields;
};

} // namespace perfdash
