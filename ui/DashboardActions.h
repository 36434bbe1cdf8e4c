#pragma once

#include "Annotation.h"
#include "PanelSpec.h"
#include "ScopedPanelTheme.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

class QAction;
class QMenu;
class QMenuBar;

namespace perfdash {

class DashboardView;
class PanelEditorDialog;

// The dashboard as a document: File → New, Open…, Open Recent, Open Example, Save, Save As…, Export;
// the Panel menu (add) and each panel's context menu (edit, remove, move, export, copy image).
// Every dialog-free operation is a public function returning false with *error, so tests drive them;
// the menu actions add the file dialogs and show errors in a message box.
class DashboardActions : public QObject {
    Q_OBJECT
public:
    DashboardActions(QWidget* window, DashboardView* view, QMenu* fileMenu, QMenuBar* menuBar);

    const QString& path() const { return m_path; }
    bool isModified() const { return m_modified; }
    DashboardSpec dashboard() const;

    bool openFile(const QString& path, QString* error);
    // Shows a Grafana dashboard converted (GrafanaImport) over the shown dashboard's first Prometheus source,
    // or the app's own ("local:"), as a new unsaved dashboard; *report says what did not map.
    bool importGrafana(const QString& path, QString* report, QString* error);
    // The toolbar's choice of a variable, kept in the dashboard (and so in its file on save).
    void setVariableChoice(const QString& name, const QString& choice);
    // The shown dashboard came from this file (opened by the app at start): Save writes there.
    void setFilePath(const QString& path);
    bool saveTo(const QString& path, QString* error);
    void newDashboard();
    // Panel edits; index is the panel's position.
    void addPanel(const PanelSpec& panel);
    void replacePanel(int index, const PanelSpec& panel);
    void removePanel(int index);
    void movePanel(int index, int offset);
    // Undoes the last panel edit, removal, move or addition (Ctrl+Z); false when there is none to undo.
    bool undo();
    bool canUndo() const { return !m_undo.isEmpty(); }
    // The toolbar's time range and PromQL refresh, kept in the dashboard (and so in its file on save).
    void setTimeSettings(qint64 timeRangeMs, int refreshIntervalMs);
    // Exports are drawn light unless asked otherwise (ExportOptionsDialog in the GUI).
    bool exportPanel(
        int index, const QString& path, double scale, QString* error, ExportTheme theme = ExportTheme::Light);
    bool exportDashboard(const QString& path, double scale, bool onePanelPerPage, QString* error,
        ExportTheme theme = ExportTheme::Light);
    bool exportBundle(const QString& directory, double scale, QString* error, ExportTheme theme = ExportTheme::Light);
    void copyPanelImage(int index);

    // Where the panel editor's PromQL autocomplete gets its lists (the app wires it to the source's server):
    // label as in PromQLCompleter::Fetch, asked of the source chosen in the editor. Unset: no autocomplete.
    using PromQLLookup = std::function<void(
        const QString& sourceId, const QString& label, QObject* context, std::function<void(QStringList)> done)>;
    void setPromQLLookup(PromQLLookup lookup) { m_promqlLookup = std::move(lookup); }
    // The open profiling comparison for the bundle's manifest (the app wires it to the Profiling tab); an
    // empty object, or unset, means none is open and the manifest has no "profilingComparison".
    using ProfilingComparisonProvider = std::function<QJsonObject()>;
    void setProfilingComparisonProvider(ProfilingComparisonProvider provider)
    {
        m_profilingComparison = std::move(provider);
    }
    // The editor for panel `index` (-1: a new panel), with autocomplete on its query; the caller owns it.
    PanelEditorDialog* createPanelEditor(int index, QWidget* parent) const;

    QStringList recentFiles() const;
    // The menu a right click on panel `index` opens (for tests and the context menu).
    // A click at a time adds "Add Annotation Here…", and on an annotation "Compare Around It" (and "Remove
    // Note" for the user's own).
    QMenu* createPanelMenu(int index, QWidget* parent, std::optional<qint64> clickedTimeMs = std::nullopt,
        const std::optional<Annotation>& clickedAnnotation = std::nullopt);
    // The user's notes live in the dashboard (saved in its "annotations"); adding one marks it modified.
    void addAnnotation(const Annotation& annotation);
    void removeAnnotation(const Annotation& annotation);

Q_SIGNALS:
    // A different dashboard is shown (opened, new, or panels edited); the app restarts sources that changed.
    void dashboardChanged(const perfdash::DashboardSpec& dashboard);
    // Window title text: "name — file" with "*" when modified.
    void titleChanged(const QString& title);
    // "Compare Around This Annotation" was chosen: the windows before and after it.
    void compareAroundAnnotationRequested(const perfdash::Annotation& annotation);

private:
    void apply(const DashboardSpec& dashboard, bool modified);
    void rememberRecent(const QString& path);
    void rebuildRecentMenu();
    bool confirmDiscard();
    void showError(const QString& what, const QString& error);
    void openWithDialog();
    void importGrafanaWithDialog();
    bool saveWithDialog(bool askForPath);
    // The dashboard before a panel change, for undo; a new document starts with none.
    void rememberForUndo();
    void forgetUndo();
    void exportDashboardWithDialog();
    void exportBundleWithDialog();
    void exportPanelWithDialog(int index, const QString& extension);
    void editPanelWithDialog(int index);

    QWidget* m_window = nullptr;
    DashboardView* m_view = nullptr;
    QMenu* m_recentMenu = nullptr;
    QString m_path;
    bool m_modified = false;
    PromQLLookup m_promqlLookup;
    QList<DashboardSpec> m_undo; // newest last
    QAction* m_undoAction = nullptr;
    ProfilingComparisonProvider m_profilingComparison;
};

} // namespace perfdash
