#include "ChartExporter.h"

#include "AnnotationFileFields.h"
#include "ChartPanel.h"
#include "HistogramCsv.h"
#include "NumberText.h"
#include "SeriesCsv.h"
#include "Target.h"
#include "Theme.h"
#include "ValueFormat.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTimeZone>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    constexpr int headerHeight = 34;
    constexpr int gap = 8;

    // Everything is written through QSaveFile: a failed export never leaves half a file behind.
    bool writeBytes(const QString& path, const QByteArray& bytes, QString* error)
    {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            if (error)
                *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            file.cancelWriting();
            return false;
        }
        return true;
    }

    bool writePng(const QImage& image, const QString& path, QString* error)
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        if (!writer.write(image)) {
            if (error)
                *error = QStringLiteral("cannot encode %1 as PNG: %2").arg(path, writer.errorString());
            return false;
        }
        return writeBytes(path, bytes, error);
    }

    QByteArray svgOf(const QSize& size, const QString& title, const std::function<void(QPainter&)>& paint)
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(title);
        generator.setDescription(QStringLiteral("perfdash " PERFDASH_VERSION));
        QPainter painter(&generator);
        paint(painter);
        painter.end();
        return bytes;
    }

    // Page i gets pageSizes[i]; at 72 dpi one widget pixel is one PDF point, so vectors keep their layout.
    QByteArray pdfOf(
        const QList<QSize>& pageSizes, const QString& title, const std::function<void(QPainter&, int page)>& paint)
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("perfdash " PERFDASH_VERSION));
        writer.setResolution(72);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setPageSize(QPageSize(QSizeF(pageSizes.value(0)), QPageSize::Point, QString(), QPageSize::ExactMatch));
        QPainter painter(&writer);
        for (int page = 0; page < pageSizes.size(); ++page) {
            if (page > 0) {
                writer.setPageSize(
                    QPageSize(QSizeF(pageSizes[page]), QPageSize::Point, QString(), QPageSize::ExactMatch));
                writer.newPage();
            }
            paint(painter, page);
        }
        painter.end();
        return bytes;
    }

    void paintWidget(QPainter& painter, QWidget* widget, QPoint at)
    {
        painter.save();
        painter.fillRect(QRect(at, widget->size()), widget->palette().color(QPalette::Window));
        widget->render(&painter, at, QRegion(), QWidget::DrawChildren);
        painter.restore();
    }

    QString rangeText(qint64 fromMs, qint64 toMs)
    {
        const QDateTime fromUtc = QDateTime::fromMSecsSinceEpoch(fromMs, Qt::UTC);
        const QDateTime toUtc = QDateTime::fromMSecsSinceEpoch(toMs, Qt::UTC);
        const QDateTime fromLocal = fromUtc.toLocalTime();
        const QDateTime toLocal = toUtc.toLocalTime();
        return QStringLiteral("%1 – %2 UTC  ·  %3 – %4 local (%5)")
            .arg(fromUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), toUtc.toString(QStringLiteral("HH:mm:ss")),
                fromLocal.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), toLocal.toString(QStringLiteral("HH:mm:ss")),
                fromLocal.timeZoneAbbreviation());
    }

    QList<VisibleSeries> titledSeries(const QList<ChartPanel*>& panels)
    {
        QList<VisibleSeries> all;
        for (ChartPanel* panel : panels) {
            for (VisibleSeries series : panel->visibleSeries()) {
                series.name = panel->spec().title + QStringLiteral(": ") + series.name;
                all << series;
            }
        }
        return all;
    }

    QJsonObject timeObject(qint64 ms);

    // "classic" or "native" buckets; "mixed" when the range holds both, null without a column.
    QJsonValue histogramKindName(const HistogramFrames& frames)
    {
        if (frames.columns.isEmpty())
            return QJsonValue::Null;
        const HistogramKind first = frames.columns.first().kind;
        const bool same = std::all_of(frames.columns.cbegin(), frames.columns.cend(),
            [first](const HistogramColumn& column) { return column.kind == first; });
        if (!same)
            return QStringLiteral("mixed");
        return first == HistogramKind::Native ? QStringLiteral("native") : QStringLiteral("classic");
    }

    // A heatmap's manifest entry: its quantiles and the share under the target at the newest column with
    // observations, the columns drawn, and what was wrong with the buckets.
    QJsonObject histogramEntry(
        const HistogramFrames& frames, const std::optional<HeatmapSummary>& summary, const PanelSpec& spec)
    {
        QJsonObject entry { { QStringLiteral("kind"), histogramKindName(frames) },
            { QStringLiteral("columns"), frames.columns.size() }, { QStringLiteral("stepMs"), frames.stepMs },
            { QStringLiteral("objective"), spec.objective },
            { QStringLiteral("problems"), QJsonArray::fromStringList(frames.problems) } };
        if (!summary) {
            entry.insert(QStringLiteral("at"), QJsonValue::Null);
            return entry;
        }
        entry.insert(QStringLiteral("at"), timeObject(summary->timeMs));
        entry.insert(QStringLiteral("summaryFrom"), timeObject(summary->fromMs)); // the columns added up
        QJsonObject quantiles;
        for (const auto& [q, value] : summary->quantiles)
            quantiles.insert(quantileLabel(q), jsonNumber(value * spec.displayScale));
        entry.insert(QStringLiteral("quantiles"), quantiles);
        entry.insert(QStringLiteral("shareUnderTarget"), jsonNumber(summary->shareUnderTarget));
        return entry;
    }

    QJsonObject timeObject(qint64 ms)
    {
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        return { { QStringLiteral("utc"), utc.toString(Qt::ISODateWithMs) },
            { QStringLiteral("local"),
                utc.toLocalTime().toOffsetFromUtc(utc.toLocalTime().offsetFromUtc()).toString(Qt::ISODateWithMs) },
            { QStringLiteral("unixMs"), ms } };
    }
}

std::optional<ChartExporter::Format> ChartExporter::formatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png")
        return Format::Png;
    if (suffix == u"svg")
        return Format::Svg;
    if (suffix == u"pdf")
        return Format::Pdf;
    if (suffix == u"csv")
        return Format::Csv;
    return std::nullopt;
}

QString ChartExporter::fileStem(int index, const QString& title)
{
    QString slug = title.toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    slug = slug.mid(0, 60);
    while (slug.startsWith(u'-'))
        slug.remove(0, 1);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return QStringLiteral("%1-%2")
        .arg(index + 1, 2, 10, QLatin1Char('0'))
        .arg(slug.isEmpty() ? QStringLiteral("panel") : slug);
}

QImage ChartExporter::panelImage(ChartPanel* panel, qreal scale)
{
    QImage image(panel->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(panel->palette().color(QPalette::Window));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintWidget(painter, panel, QPoint(0, 0));
    return image;
}

bool ChartExporter::exportPanel(ChartPanel* panel, const QString& path, qreal scale, QString* error)
{
    const auto format = formatFor(path);
    if (!format) {
        if (error)
            *error = QStringLiteral("cannot tell the format of %1: use %2").arg(path, supportedExtensions());
        return false;
    }
    const QString title = panel->spec().title;
    switch (*format) {
    case Format::Png:
        return writePng(panelImage(panel, scale), path, error);
    case Format::Svg:
        return writeBytes(path,
            svgOf(panel->size(), title, [panel](QPainter& painter) { paintWidget(painter, panel, QPoint(0, 0)); }),
            error);
    case Format::Pdf:
        return writeBytes(path,
            pdfOf({ panel->size() }, title,
                [panel](QPainter& painter, int) { paintWidget(painter, panel, QPoint(0, 0)); }),
            error);
    case Format::Csv:
        // A heatmap's CSV is its buckets in long form; its quantile lines go into the dashboard's CSV.
        if (const HistogramFrames* frames = panel->histogramFrames())
            return writeBytes(path, HistogramCsv::write(*frames, panel->visibleFromMs(), panel->visibleToMs()), error);
        return writeBytes(
            path, SeriesCsv::write(panel->visibleSeries(), panel->visibleFromMs(), panel->visibleToMs()), error);
    }
    return false;
}

QSize ChartExporter::dashboardSize(const DashboardSpec& dashboard, const QList<ChartPanel*>& panels)
{
    QSize cell(1, 1);
    for (ChartPanel* panel : panels)
        cell = cell.expandedTo(panel->size());
    const int columns = std::max(1, std::min(dashboard.gridColumns, int(panels.size())));
    const int rows = std::max(1, int((panels.size() + columns - 1) / columns));
    return QSize(gap + columns * (cell.width() + gap), headerHeight + rows * (cell.height() + gap));
}

void ChartExporter::paintDashboard(QPainter& painter, const DashboardSpec& dashboard, const QList<ChartPanel*>& panels)
{
    const QSize size = dashboardSize(dashboard, panels);
    // The page in the panels' theme (ScopedPanelTheme may have set one for this export).
    const Theme& theme = panels.isEmpty() ? Theme::light() : Theme::of(panels.first());
    painter.fillRect(QRect(QPoint(0, 0), size), theme.pageBackground);
    QFont titleFont = painter.font();
    titleFont.setPixelSize(16);
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(theme.text);
    const QRect header(gap, 0, size.width() - 2 * gap, headerHeight);
    painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, dashboard.name);
    if (!panels.isEmpty()) {
        QFont rangeFont = painter.font();
        rangeFont.setPixelSize(12);
        rangeFont.setBold(false);
        painter.setFont(rangeFont);
        painter.setPen(theme.mutedText);
        painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter,
            rangeText(panels.first()->visibleFromMs(), panels.first()->visibleToMs()));
    }
    QSize cell(1, 1);
    for (ChartPanel* panel : panels)
        cell = cell.expandedTo(panel->size());
    const int columns = std::max(1, std::min(dashboard.gridColumns, int(panels.size())));
    for (int index = 0; index < panels.size(); ++index) {
        const QPoint at(
            gap + (index % columns) * (cell.width() + gap), headerHeight + (index / columns) * (cell.height() + gap));
        paintWidget(painter, panels[index], at);
    }
}

bool ChartExporter::exportDashboard(const DashboardSpec& dashboard, const QList<ChartPanel*>& panels,
    const QString& path, qreal scale, bool onePanelPerPage, QString* error)
{
    const auto format = formatFor(path);
    if (!format) {
        if (error)
            *error = QStringLiteral("cannot tell the format of %1: use %2").arg(path, supportedExtensions());
        return false;
    }
    const QSize size = dashboardSize(dashboard, panels);
    switch (*format) {
    case Format::Png: {
        QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        paintDashboard(painter, dashboard, panels);
        painter.end();
        return writePng(image, path, error);
    }
    case Format::Svg:
        return writeBytes(path,
            svgOf(size, dashboard.name, [&](QPainter& painter) { paintDashboard(painter, dashboard, panels); }), error);
    case Format::Pdf: {
        if (!onePanelPerPage || panels.isEmpty())
            return writeBytes(path,
                pdfOf({ size }, dashboard.name,
                    [&](QPainter& painter, int) { paintDashboard(painter, dashboard, panels); }),
                error);
        QList<QSize> pages;
        for (ChartPanel* panel : panels)
            pages << panel->size();
        return writeBytes(path,
            pdfOf(pages, dashboard.name,
                [&](QPainter& painter, int page) { paintWidget(painter, panels[page], QPoint(0, 0)); }),
            error);
    }
    case Format::Csv: {
        const qint64 from = panels.isEmpty() ? 0 : panels.first()->visibleFromMs();
        const qint64 to = panels.isEmpty() ? 0 : panels.first()->visibleToMs();
        return writeBytes(path, SeriesCsv::write(titledSeries(panels), from, to), error);
    }
    }
    return false;
}

bool ChartExporter::exportBundle(const DashboardSpec& dashboard, const QList<ChartPanel*>& panels,
    const QString& directory, qreal scale, QString* error, const BundleExtras& extras)
{
    if (!QDir().mkpath(directory) || !QFileInfo(directory).isDir()) {
        if (error)
            *error = QStringLiteral("cannot create the folder %1").arg(directory);
        return false;
    }
    const QDir dir(directory);
    QJsonArray panelEntries;
    for (int index = 0; index < panels.size(); ++index) {
        ChartPanel* panel = panels[index];
        const PanelSpec& spec = panel->spec();
        const QString stem = fileStem(index, spec.title);
        if (!exportPanel(panel, dir.filePath(stem + QStringLiteral(".png")), scale, error)
            || !exportPanel(panel, dir.filePath(stem + QStringLiteral(".csv")), 1.0, error))
            return false;

        QJsonObject entry { { QStringLiteral("title"), spec.title },
            { QStringLiteral("png"), stem + QStringLiteral(".png") },
            { QStringLiteral("csv"), stem + QStringLiteral(".csv") }, { QStringLiteral("unit"), spec.unit } };
        if (!spec.query.isEmpty())
            entry.insert(QStringLiteral("query"), spec.query);
        if (!spec.metric.isEmpty())
            entry.insert(QStringLiteral("metric"), spec.metric);
        entry.insert(QStringLiteral("source"), spec.sourceId.isEmpty() ? QJsonValue(QJsonValue::Null) : spec.sourceId);
        QJsonArray seriesNames;
        for (const VisibleSeries& series : panel->visibleSeries())
            seriesNames.append(series.name);
        entry.insert(QStringLiteral("series"), seriesNames);
        entry.insert(QStringLiteral("seriesDrawn"), panel->dataSeriesCount());
        if (!panel->failure().isEmpty())
            entry.insert(QStringLiteral("error"), panel->failure());
        const double current = panel->currentValue();
        const TargetEvaluation evaluation = evaluateTarget(spec.target, current);
        entry.insert(QStringLiteral("target"),
            QJsonObject { { QStringLiteral("direction"),
                              spec.target.direction == Direction::LowerIsBetter ? QStringLiteral("lower-is-better")
                                                                                : QStringLiteral("higher-is-better") },
                { QStringLiteral("target"), spec.target.target }, { QStringLiteral("baseline"), spec.target.baseline },
                { QStringLiteral("current"), jsonNumber(current) },
                // null when there is no value yet: "not met" would claim something we do not know.
                { QStringLiteral("met"),
                    std::isnan(current) ? QJsonValue(QJsonValue::Null) : QJsonValue(evaluation.met) },
                { QStringLiteral("changeVsBaselinePercent"), jsonNumber(evaluation.changeVsBaselinePercent) } });
        QJsonArray thresholds;
        for (const PanelThreshold& threshold : spec.thresholds) {
            thresholds.append(QJsonObject { { QStringLiteral("value"), threshold.value },
                { QStringLiteral("label"), threshold.label },
                { QStringLiteral("color"),
                    threshold.color.isEmpty() ? QJsonValue(QJsonValue::Null) : threshold.color } });
        }
        entry.insert(QStringLiteral("thresholds"), thresholds);
        if (const HistogramFrames* frames = panel->histogramFrames())
            entry.insert(QStringLiteral("histogram"), histogramEntry(*frames, panel->heatmapSummary(), spec));
        panelEntries.append(entry);
    }
    if (!exportDashboard(dashboard, panels, dir.filePath(QStringLiteral("dashboard.png")), scale, false, error))
        return false;

    QJsonArray sources;
    for (const DataSourceSpec& source : dashboard.sources) {
        sources.append(QJsonObject { { QStringLiteral("id"), source.id },
            { QStringLiteral("kind"),
                source.kind == DataSourceKind::Stream ? QStringLiteral("stream") : QStringLiteral("prometheus") },
            { QStringLiteral("url"), source.url.toString(QUrl::RemoveUserInfo) } });
    }
    const qint64 from = panels.isEmpty() ? 0 : panels.first()->visibleFromMs();
    const qint64 to = panels.isEmpty() ? 0 : panels.first()->visibleToMs();
    QJsonObject manifest { { QStringLiteral("dashboard"), dashboard.name },
        { QStringLiteral("app"), QStringLiteral("perfdash") },
        { QStringLiteral("appVersion"), QStringLiteral(PERFDASH_VERSION) },
        { QStringLiteral("createdUtc"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { QStringLiteral("timeRange"),
            QJsonObject { { QStringLiteral("from"), timeObject(from) }, { QStringLiteral("to"), timeObject(to) },
                { QStringLiteral("localTimeZone"),
                    QString::fromUtf8(QDateTime::currentDateTime().timeZone().id()) } } },
        { QStringLiteral("sources"), sources }, { QStringLiteral("panels"), panelEntries },
        { QStringLiteral("dashboardImage"), QStringLiteral("dashboard.png") } };
    // The marks of the range, each with where it came from (the panels all draw the same ones).
    QJsonArray annotations;
    for (const Annotation& annotation : panels.isEmpty() ? QList<Annotation>() : panels.first()->drawnAnnotations()) {
        QJsonObject entry = writeAnnotations({ annotation }).first().toObject();
        entry.insert(QStringLiteral("origin"), annotationOriginName(annotation.origin));
        annotations.append(entry);
    }
    manifest.insert(QStringLiteral("annotations"), annotations);
    if (!extras.profilingComparison.isEmpty())
        manifest.insert(QStringLiteral("profilingComparison"), extras.profilingComparison);
    if (!extras.windowComparison.isEmpty())
        manifest.insert(QStringLiteral("windowComparison"), extras.windowComparison);
    if (!extras.problems.isEmpty())
        manifest.insert(QStringLiteral("errors"), QJsonArray::fromStringList(extras.problems));
    return writeBytes(
        dir.filePath(QStringLiteral("manifest.json")), QJsonDocument(manifest).toJson(QJsonDocument::Indented), error);
}

} // namespace perfdash
