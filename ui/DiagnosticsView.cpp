#include "DiagnosticsView.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace perfdash {

namespace {
    QString count(quint64 value)
    {
        return QLocale::c().toString(value).replace(QLatin1Char(','), QChar(0x2009)); // thin space groups
    }

    QString ms(double value) { return QStringLiteral("%1 ms").arg(value, 0, 'f', value < 10 ? 2 : 1); }

    QGroupBox* addGroup(QVBoxLayout* layout, const QString& title, QFormLayout** form)
    {
        auto* box = new QGroupBox(title);
        *form = new QFormLayout(box);
        (*form)->setLabelAlignment(Qt::AlignRight);
        layout->addWidget(box);
        return box;
    }
}

DiagnosticsView::DiagnosticsView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("diagnostics"));
    auto* layout = new QVBoxLayout(this);
    QFormLayout* form = nullptr;

    addGroup(layout, QStringLiteral("Sample → pixel latency (socket receive to painted frame, since start or reset)"),
        &form);
    addField(form, QStringLiteral("latency.p50"), QStringLiteral("p50"));
    addField(form, QStringLiteral("latency.p99"), QStringLiteral("p99"));
    addField(form, QStringLiteral("latency.max"), QStringLiteral("max"));
    addField(form, QStringLiteral("latency.samples"), QStringLiteral("samples measured"));
    addField(form, QStringLiteral("latency.notShown"), QStringLiteral("stored while charts were hidden"));
    auto* reset = new QPushButton(QStringLiteral("Reset latency"));
    reset->setObjectName(QStringLiteral("resetLatency"));
    connect(reset, &QPushButton::clicked, this, &DiagnosticsView::resetLatencyRequested);
    form->addRow(QString(), reset);

    addGroup(layout, QStringLiteral("Redraw cost on the GUI thread (last 64 frames)"), &form);
    addField(form, QStringLiteral("frame.refresh"), QStringLiteral("store → M4 → plot item, mean / max"));
    addField(form, QStringLiteral("frame.paint"), QStringLiteral("paint + flush, mean / max"));

    addGroup(layout, QStringLiteral("Store"), &form);
    addField(form, QStringLiteral("store.series"), QStringLiteral("series"));
    addField(form, QStringLiteral("store.retained"), QStringLiteral("retained samples"));
    addField(form, QStringLiteral("store.bytes"), QStringLiteral("encoded size"));
    addField(form, QStringLiteral("store.bytesPerSample"),
        QStringLiteral("bytes per sample (incl. per-series keys; raw: 16)"));
    addField(form, QStringLiteral("store.evicted"), QStringLiteral("evicted samples (retention, budget)"));
    addField(form, QStringLiteral("store.rejected"), QStringLiteral("rejected samples (out of order, duplicate, series limit)"));
    addField(form, QStringLiteral("store.cardinality"), QStringLiteral("series limits reached"));

    addGroup(layout, QStringLiteral("Ingest"), &form);
    addField(form, QStringLiteral("ingest.messages"), QStringLiteral("messages received"));
    addField(form, QStringLiteral("ingest.stored"), QStringLiteral("samples parsed / stored"));
    addField(form, QStringLiteral("ingest.malformed"), QStringLiteral("malformed messages / parse errors"));
    addField(form, QStringLiteral("ingest.dropped"), QStringLiteral("messages dropped (queue full)"));
    layout->addStretch(1);
}

QLabel* DiagnosticsView::addField(QFormLayout* form, const QString& field, const QString& label)
{
    auto* value = new QLabel(QStringLiteral("—"));
    value->setObjectName(field);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    m_fields.insert(field, value);
    return value;
}

void DiagnosticsView::setField(const QString& field, const QString& text)
{
    if (QLabel* label = m_fields.value(field); label && label->text() != text)
        label->setText(text);
}

QString DiagnosticsView::fieldText(const QString& field) const
{
    const QLabel* label = m_fields.value(field);
    return label ? label->text() : QString();
}

void DiagnosticsView::showStats(
    const LatencySummary& latency, const FrameCost& frames, const StoreStats& store, const IngestCounters& ingest)
{
    const bool measured = latency.samples > 0;
    setField(QStringLiteral("latency.p50"), measured ? ms(latency.p50Ms) : QStringLiteral("—"));
    setField(QStringLiteral("latency.p99"), measured ? ms(latency.p99Ms) : QStringLiteral("—"));
    setField(QStringLiteral("latency.max"), measured ? ms(latency.maxMs) : QStringLiteral("—"));
    setField(QStringLiteral("latency.samples"), count(latency.samples));
    setField(QStringLiteral("latency.notShown"), count(latency.notShown));

    const bool framed = frames.frames > 0;
    setField(QStringLiteral("frame.refresh"),
        framed ? ms(frames.refreshMeanMs) + QStringLiteral(" / ") + ms(frames.refreshMaxMs) : QStringLiteral("—"));
    setField(QStringLiteral("frame.paint"),
        framed ? ms(frames.paintMeanMs) + QStringLiteral(" / ") + ms(frames.paintMaxMs) : QStringLiteral("—"));

    setField(QStringLiteral("store.series"), count(store.seriesCount));
    setField(QStringLiteral("store.retained"), count(store.retainedSamples));
    setField(QStringLiteral("store.bytes"), QStringLiteral("%1 MB").arg(double(store.encodedBytes) / 1e6, 0, 'f', 2));
    // Includes each series' fixed cost (key, labels), so it is high while a store holds few samples.
    setField(QStringLiteral("store.bytesPerSample"),
        store.retainedSamples ? QString::number(double(store.encodedBytes) / double(store.retainedSamples), 'f', 2)
                              : QStringLiteral("—"));
    setField(QStringLiteral("store.evicted"), count(store.evictedSamples));
    setField(QStringLiteral("store.rejected"),
        count(store.rejectedOutOfOrder) + QStringLiteral(" / ") + count(store.rejectedDuplicate) + QStringLiteral(" / ")
            + count(store.rejectedSeriesLimit));
    QStringList limits;
    for (const CardinalityRejection& rejection : store.cardinality)
        limits << rejection.describe();
    setField(QStringLiteral("store.cardinality"), limits.isEmpty() ? QStringLiteral("none") : limits.join(QLatin1Char('\n')));

    setField(QStringLiteral("ingest.messages"), count(ingest.messagesReceived));
    setField(QStringLiteral("ingest.stored"),
        count(ingest.samplesParsed) + QStringLiteral(" / ") + count(ingest.samplesStored));
    setField(QStringLiteral("ingest.malformed"),
        count(ingest.malformedMessages) + QStringLiteral(" / ") + count(ingest.parseErrors));
    setField(QStringLiteral("ingest.dropped"), count(ingest.droppedMessages));
}

} // namespace perfdash
