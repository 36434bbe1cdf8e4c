#pragma once

#include "PanelSpec.h"

#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

class QPainter;
class QWidget;

namespace perfdash {

class ChartPanel;

// Writes what panels show to files: PNG (with a scale factor for sharp high-DPI images), SVG and PDF as
// vectors, CSV of exactly the visible series and range, and snapshot bundles. Works from ChartPanel
// widgets as they are drawn, whatever source fed them, so the GUI and `perfdash snapshot` share it.
class ChartExporter {
public:
    enum class Format { Png, Svg, Pdf, Csv };
    // By extension (case-insensitive); nullopt for anything else.
    static std::optional<Format> formatFor(const QString& path);
    static QString supportedExtensions() { return QStringLiteral(".png, .svg, .pdf or .csv"); }

    // The panel (scorecard, chart, legend, labelled target and baseline) as an image of size × scale pixels.
    static QImage panelImage(ChartPanel* panel, qreal scale = 1.0);
    // One panel in the format its path's extension names. Errors name the path and the reason.
    static bool exportPanel(ChartPanel* panel, const QString& path, qreal scale, QString* error);

    // Every panel on one page (a grid of `columns`, under a header with the name and time range). For PDF,
    // onePanelPerPage puts each panel on its own page. CSV holds every panel's series, titled "panel: series".
    static bool exportDashboard(const DashboardSpec& dashboard, const QList<ChartPanel*>& panels, const QString& path,
        qreal scale, bool onePanelPerPage, QString* error);

    // What a bundle carries besides its panels; each goes into manifest.json only when non-empty.
    struct BundleExtras {
        QJsonObject profilingComparison; // RunComparisonJson, as "profilingComparison"
        QJsonObject windowComparison; // WindowComparisonJson, as "windowComparison"
        QStringList problems; // a stream without data, say, as "errors"
    };

    // A folder with NN-title.png and NN-title.csv per panel, dashboard.png, and manifest.json (name, app
    // version, the time range shown in UTC and local time, every stream or query with its target and met
    // state, and the annotations in that range). A panel that failed (ChartPanel::failure()) is written
    // all the same, its error drawn on it and in its manifest entry as "error".
    static bool exportBundle(const DashboardSpec& dashboard, const QList<ChartPanel*>& panels, const QString& directory,
        qreal scale, QString* error, const BundleExtras& extras = {});

    // "03-cache-hit-ratio": the bundle's file stem of panel `index`.
    static QString fileStem(int index, const QString& title);

private:
    static void paintDashboard(QPainter& painter, const DashboardSpec& dashboard, const QList<ChartPanel*>& panels);
    static QSize dashboardSize(const DashboardSpec& dashboard, const QList<ChartPanel*>& panels);
};

} // namespace perfdash
