#include "DashboardActions.h"

#include "ChartExporter.h"
#include "ChartPanel.h"
#include "DashboardFile.h"
#include "DashboardView.h"
#include "ExportOptionsDialog.h"
#include "GrafanaImport.h"
#include "PanelEditorDialog.h"
#include "PromQLCompleter.h"
#include "WindowComparisonJson.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QVBoxLayout>
#include <memory>

namespace perfdash {

namespace {
    constexpr int maxRecentFiles = 8;
    const QString recentKey = QStringLiteral("recentDashboards");
    const QString dashboardFilter = QStringLiteral("perfdash dashboards (*.perfdash.json *.json)");
}

DashboardActions::DashboardActions(QWidget* window, DashboardView* view, QMenu* fileMenu, QMenuBar* menuBar)
    : QObject(window)
    , m_window(window)
    , m_view(view)
{
    QAction* newAction = fileMenu->addAction(QStringLiteral("&New"), this, [this] {
        if (confirmDiscard())
            newDashboard();
    });
    newAction->setShortcut(QKeySequence::New);
    QAction* open = fileMenu->addAction(QStringLiteral("&Open…"), this, &DashboardActions::openWithDialog);
    open->setShortcut(QKeySequence::Open);
    QAction* importGrafana = fileMenu->addAction(
        QStringLiteral("&Import Grafana Dashboard…"), this, &DashboardActions::importGrafanaWithDialog);
    importGrafana->setObjectName(QStringLiteral("importGrafanaAction"));
    m_recentMenu = fileMenu->addMenu(QStringLiteral("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();
    QMenu* examples = fileMenu->addMenu(QStringLiteral("Open &Example"));
    for (const QFileInfo& example : QDir(QStringLiteral(":/dashboards/examples")).entryInfoList(QDir::Files)) {
        examples->addAction(example.fileName(), this, [this, path = example.filePath()] {
            QString error;
            if (!confirmDiscard())
                return;
            if (!openFile(path, &error)) {
                showError(QStringLiteral("Cannot open the example"), error);
                return;
            }
            m_path.clear(); // an example is a template: Save asks where to put the copy
            Q_EMIT titleChanged(dashboard().name + QStringLiteral(" — unsaved"));
        });
    }
    fileMenu->addSeparator();
    QAction* save = fileMenu->addAction(QStringLiteral("&Save"), this, [this] { saveWithDialog(false); });
    save->setShortcut(QKeySequence::Save);
    QAction* saveAs = fileMenu->addAction(QStringLiteral("Save &As…"), this, [this] { saveWithDialog(true); });
    saveAs->setShortcut(QKeySequence::SaveAs);
    fileMenu->addSeparator();
    fileMenu->addAction(QStringLiteral("&Export Dashboard…"), this, &DashboardActions::exportDashboardWithDialog);
    fileMenu->addAction(QStringLiteral("Export Snapshot &Bundle…"), this, &DashboardActions::exportBundleWithDialog);
    fileMenu->addSeparator();

    QMenu* panelMenu = menuBar->addMenu(QStringLiteral("&Panel"));
    panelMenu->setObjectName(QStringLiteral("panelMenu"));
    panelMenu->addAction(QStringLiteral("&Add Panel…"), this, [this] { editPanelWithDialog(-1); });
    QAction* editHovered = panelMenu->addAction(QStringLiteral("&Edit Panel Under Mouse"), this, [this] {
        if (const int index = m_view->hoveredPanel(); index >= 0)
            editPanelWithDialog(index);
    });
    editHovered->setObjectName(QStringLiteral("editHoveredPanelAction"));
    editHovered->setShortcut(QKeySequence(Qt::Key_E)); // Grafana's "e"
    editHovered->setShortcutContext(Qt::WindowShortcut);
    m_undoAction = panelMenu->addAction(QStringLiteral("&Undo Panel Change"), this, &DashboardActions::undo);
    m_undoAction->setObjectName(QStringLiteral("undoPanelChangeAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setEnabled(false);
    for (QAction* action : m_view->keyboardActions())
        panelMenu->addAction(action); // listed, with their keys, where people look for them
    panelMenu->addSection(QStringLiteral("Right-click a panel to edit, move, remove or export it"));

    connect(m_view, &DashboardView::panelContextMenuRequested, this, [this](int index, const QPoint& at) {
        const ChartPanel* panel = m_view->panels().value(index);
        QMenu* menu = createPanelMenu(index, m_window, panel ? panel->timeAtGlobal(at) : std::nullopt,
            panel ? panel->annotationAtGlobal(at) : std::nullopt);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(at);
    });
}

DashboardSpec DashboardActions::dashboard() const { return m_view->dashboardSpec(); }

void DashboardActions::apply(const DashboardSpec& dashboard, bool modified)
{
    m_view->setDashboard(dashboard);
    m_modified = modified;
    const QString file = m_path.isEmpty() ? QStringLiteral("unsaved") : QFileInfo(m_path).fileName();
    Q_EMIT titleChanged(
        QStringLiteral("%1 — %2%3").arg(dashboard.name, file, modified ? QStringLiteral(" *") : QString()));
    Q_EMIT dashboardChanged(dashboard);
}

bool DashboardActions::openFile(const QString& path, QString* error)
{
    const DashboardLoadResult loaded = DashboardFile::loadFile(path);
    if (!loaded.dashboard) {
        if (error)
            *error = loaded.error;
        return false; // the shown dashboard stays as it was: never half-loaded
    }
    m_path = path;
    if (!path.startsWith(u':'))
        rememberRecent(path);
    forgetUndo(); // another document
    apply(*loaded.dashboard, false);
    return true;
}

bool DashboardActions::importGrafana(const QString& path, QString* report, QString* error)
{
    GrafanaImportOptions options;
    for (const DataSourceSpec& source : dashboard().sources) {
        if (source.kind == DataSourceKind::Prometheus) {
            options.prometheusUrl = source.url;
            break;
        }
    }
    const GrafanaImportResult result = importGrafanaDashboardFile(path, options);
    if (!result.dashboard) {
        if (error)
            *error = result.error;
        return false;
    }
    if (report)
        *report = result.report();
    m_path.clear(); // a new dashboard: Save asks where to put it
    forgetUndo();
    apply(*result.dashboard, true);
    return true;
}

void DashboardActions::setVariableChoice(const QString& name, const QString& choice)
{
    DashboardSpec changed = dashboard();
    for (DashboardVariable& variable : changed.variables) {
        if (variable.name == name && variable.current != choice) {
            variable.current = choice;
            apply(changed, true);
            return;
        }
    }
}

void DashboardActions::setFilePath(const QString& path)
{
    m_path = path;
    rememberRecent(path);
    Q_EMIT titleChanged(QStringLiteral("%1 — %2").arg(dashboard().name, QFileInfo(path).fileName()));
}

bool DashboardActions::saveTo(const QString& path, QString* error)
{
    if (!DashboardFile::save(dashboard(), path, error))
        return false;
    m_path = path;
    rememberRecent(path);
    apply(dashboard(), false);
    return true;
}

void DashboardActions::newDashboard()
{
    m_path.clear();
    DashboardSpec fresh = defaultDashboard();
    fresh.name = QStringLiteral("New dashboard");
    fresh.panels.clear();
    forgetUndo();
    apply(fresh, false);
}

void DashboardActions::rememberForUndo()
{
    constexpr qsizetype undoDepth = 50;
    m_undo.append(dashboard());
    if (m_undo.size() > undoDepth)
        m_undo.removeFirst();
    m_undoAction->setEnabled(true);
}

void DashboardActions::forgetUndo()
{
    m_undo.clear();
    m_undoAction->setEnabled(false);
}

bool DashboardActions::undo()
{
    if (m_undo.isEmpty())
        return false;
    DashboardSpec previous = m_undo.takeLast();
    m_undoAction->setEnabled(!m_undo.isEmpty());
    // Only the panels go back: the time range, variables and notes stay as they are now.
    DashboardSpec now = dashboard();
    now.panels = previous.panels;
    now.gridColumns = previous.gridColumns;
    apply(now, true);
    return true;
}

void DashboardActions::addPanel(const PanelSpec& panel)
{
    rememberForUndo();
    DashboardSpec changed = dashboard();
    changed.panels << panel;
    apply(changed, true);
}

void DashboardActions::replacePanel(int index, const PanelSpec& panel)
{
    DashboardSpec changed = dashboard();
    if (index < 0 || index >= changed.panels.size() || changed.panels[index] == panel)
        return;
    rememberForUndo();
    changed.panels[index] = panel;
    apply(changed, true);
}

void DashboardActions::removePanel(int index)
{
    DashboardSpec changed = dashboard();
    if (index < 0 || index >= changed.panels.size())
        return;
    rememberForUndo();
    changed.panels.removeAt(index);
    apply(changed, true);
}

void DashboardActions::movePanel(int index, int offset)
{
    DashboardSpec changed = dashboard();
    const int to = index + offset;
    if (index < 0 || index >= changed.panels.size() || to < 0 || to >= changed.panels.size())
        return;
    rememberForUndo();
    changed.panels.move(index, to);
    apply(changed, true);
}

void DashboardActions::setTimeSettings(qint64 timeRangeMs, int refreshIntervalMs)
{
    DashboardSpec changed = dashboard();
    if (changed.timeRangeMs == timeRangeMs && changed.refreshIntervalMs == refreshIntervalMs)
        return;
    changed.timeRangeMs = timeRangeMs;
    changed.refreshIntervalMs = refreshIntervalMs;
    apply(changed, true);
}

bool DashboardActions::exportPanel(int index, const QString& path, double scale, QString* error, ExportTheme theme)
{
    ChartPanel* panel = m_view->panels().at(index);
    const ScopedPanelTheme themed({ panel }, theme);
    return ChartExporter::exportPanel(panel, path, scale, error);
}

bool DashboardActions::exportDashboard(
    const QString& path, double scale, bool onePanelPerPage, QString* error, ExportTheme theme)
{
    const ScopedPanelTheme themed(m_view->panels(), theme);
    return ChartExporter::exportDashboard(dashboard(), m_view->panels(), path, scale, onePanelPerPage, error);
}

bool DashboardActions::exportBundle(const QString& directory, double scale, QString* error, ExportTheme theme)
{
    const ScopedPanelTheme themed(m_view->panels(), theme);
    ChartExporter::BundleExtras extras;
    extras.profilingComparison = m_profilingComparison ? m_profilingComparison() : QJsonObject();
    // The before/after comparison the tab shows, if any.
    if (const std::optional<WindowComparison>& comparison = m_view->windowComparison())
        extras.windowComparison = WindowComparisonJson::write(*comparison);
    return ChartExporter::exportBundle(dashboard(), m_view->panels(), directory, scale, error, extras);
}

void DashboardActions::copyPanelImage(int index)
{
    ChartPanel* panel = m_view->panels().at(index);
    // For pasting into slides and documents: in the theme the export dialog last chose (light at first).
    const ScopedPanelTheme themed({ panel }, storedExportTheme());
    QApplication::clipboard()->setImage(ChartExporter::panelImage(panel, panel->devicePixelRatioF()));
}

void DashboardActions::addAnnotation(const Annotation& annotation)
{
    DashboardSpec changed = dashboard();
    changed.annotations << annotation;
    apply(changed, true);
}

void DashboardActions::removeAnnotation(const Annotation& annotation)
{
    DashboardSpec changed = dashboard();
    if (changed.annotations.removeOne(annotation))
        apply(changed, true);
}

QMenu* DashboardActions::createPanelMenu(
    int index, QWidget* parent, std::optional<qint64> clickedTimeMs, const std::optional<Annotation>& clickedAnnotation)
{
    auto* menu = new QMenu(parent);
    if (clickedTimeMs) {
        QAction* add = menu->addAction(
            QStringLiteral("Add &Annotation Here…"), this, [this, parent, at = *clickedTimeMs] {
                bool ok = false;
                const QString when = QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
                const QString text = QInputDialog::getText(parent, QStringLiteral("Add annotation"),
                    QStringLiteral("Note at %1 (add tags after a #, e.g. \"deploy 4f2a #deploy\"):").arg(when),
                    QLineEdit::Normal, QString(), &ok);
                if (!ok || text.trimmed().isEmpty())
                    return;
                Annotation note;
                note.timeMs = at;
                note.endMs = at;
                for (const QString& word : text.split(u' ', Qt::SkipEmptyParts)) {
                    if (word.startsWith(u'#') && word.size() > 1)
                        note.tags << word.mid(1);
                    else
                        note.text += (note.text.isEmpty() ? QString() : QStringLiteral(" ")) + word;
                }
                if (note.text.isEmpty())
                    note.text = note.tags.join(QStringLiteral(", "));
                addAnnotation(note);
            });
        add->setObjectName(QStringLiteral("addAnnotationAction"));
    }
    if (clickedAnnotation) {
        const QString text = clickedAnnotation->text.left(40);
        menu->addAction(QStringLiteral("&Compare Around “%1”").arg(text), this,
            [this, annotation = *clickedAnnotation] { Q_EMIT compareAroundAnnotationRequested(annotation); });
        if (clickedAnnotation->origin == Annotation::Origin::User) {
            menu->addAction(QStringLiteral("Remove &Note “%1”").arg(text), this,
                [this, annotation = *clickedAnnotation] { removeAnnotation(annotation); });
        }
    }
    if (!menu->isEmpty())
        menu->addSeparator();
    menu->addAction(QStringLiteral("&Edit…"), this, [this, index] { editPanelWithDialog(index); });
    QAction* left = menu->addAction(QStringLiteral("Move &Left"), this, [this, index] { movePanel(index, -1); });
    left->setEnabled(index > 0);
    QAction* right = menu->addAction(QStringLiteral("Move &Right"), this, [this, index] { movePanel(index, 1); });
    right->setEnabled(index + 1 < m_view->panels().size());
    menu->addAction(QStringLiteral("Re&move"), this, [this, index] { removePanel(index); });
    menu->addSeparator();
    for (const char* extension : { "png", "svg", "pdf", "csv" }) {
        menu->addAction(QStringLiteral("Export %1…").arg(QString::fromLatin1(extension).toUpper()), this,
            [this, index, extension] { exportPanelWithDialog(index, QString::fromLatin1(extension)); });
    }
    menu->addAction(QStringLiteral("&Copy Image"), this, [this, index] { copyPanelImage(index); });
    return menu;
}

QStringList DashboardActions::recentFiles() const { return QSettings().value(recentKey).toStringList(); }

void DashboardActions::rememberRecent(const QString& path)
{
    QStringList recent = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    QSettings().setValue(recentKey, recent.mid(0, maxRecentFiles));
    rebuildRecentMenu();
}

void DashboardActions::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString& path : recent) {
        m_recentMenu->addAction(path, this, [this, path] {
            QString error;
            if (confirmDiscard() && !openFile(path, &error))
                showError(QStringLiteral("Cannot open the dashboard"), error);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

bool DashboardActions::confirmDiscard()
{
    if (!m_modified)
        return true;
    const auto answer = QMessageBox::question(m_window, QStringLiteral("Unsaved changes"),
        QStringLiteral("The dashboard \"%1\" has unsaved changes. Save them first?").arg(dashboard().name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveWithDialog(false);
    return answer == QMessageBox::Discard;
}

void DashboardActions::showError(const QString& what, const QString& error)
{
    QMessageBox::warning(m_window, what, error);
}

void DashboardActions::openWithDialog()
{
    if (!confirmDiscard())
        return;
    const QString path
        = QFileDialog::getOpenFileName(m_window, QStringLiteral("Open dashboard"), QString(), dashboardFilter);
    QString error;
    if (!path.isEmpty() && !openFile(path, &error))
        showError(QStringLiteral("Cannot open the dashboard"), error);
}

void DashboardActions::importGrafanaWithDialog()
{
    if (!confirmDiscard())
        return;
    const QString path = QFileDialog::getOpenFileName(
        m_window, QStringLiteral("Import Grafana dashboard"), QString(), QStringLiteral("Grafana dashboards (*.json)"));
    if (path.isEmpty())
        return;
    QString report;
    QString error;
    if (!importGrafana(path, &report, &error)) {
        showError(QStringLiteral("Cannot import the Grafana dashboard"), error);
        return;
    }
    // The report stays readable (and copyable) next to the imported dashboard, not in a message box.
    QDialog dialog(m_window);
    dialog.setWindowTitle(QStringLiteral("Grafana import report"));
    auto* text = new QPlainTextEdit(report, &dialog);
    text->setObjectName(QStringLiteral("importReport"));
    text->setReadOnly(true);
    text->setMinimumSize(640, 360);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog.exec();
}

bool DashboardActions::saveWithDialog(bool askForPath)
{
    QString path = m_path;
    if (askForPath || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Save dashboard"),
            m_path.isEmpty() ? dashboard().name + DashboardFile::suffix() : m_path, dashboardFilter);
        if (path.isEmpty())
            return false;
    }
    QString error;
    if (!saveTo(path, &error)) {
        showError(QStringLiteral("The dashboard was not saved"),
            error + QStringLiteral("\n\nThe file on disk was not changed."));
        return false;
    }
    return true;
}

void DashboardActions::exportDashboardWithDialog()
{
    const QString onePage = QStringLiteral("PDF, all panels on one page (*.pdf)");
    const QString perPage = QStringLiteral("PDF, one panel per page (*.pdf)");
    QString filter;
    const QString path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Export dashboard"), dashboard().name,
        QStringLiteral("PNG image (*.png);;SVG vector image (*.svg);;%1;;%2;;CSV of every series (*.csv)")
            .arg(onePage, perPage),
        &filter);
    if (path.isEmpty())
        return;
    ExportOptionsDialog::Options options;
    if (const auto format = ChartExporter::formatFor(path); format && format != ChartExporter::Format::Csv) {
        const auto asked = ExportOptionsDialog::ask(format == ChartExporter::Format::Png, m_window);
        if (!asked)
            return;
        options = *asked;
    }
    QString error;
    if (!exportDashboard(path, options.scale, filter == perPage, &error, options.theme))
        showError(QStringLiteral("Export failed"), error);
}

void DashboardActions::exportBundleWithDialog()
{
    const QString directory
        = QFileDialog::getExistingDirectory(m_window, QStringLiteral("Export snapshot bundle into"));
    if (directory.isEmpty())
        return;
    const auto asked = ExportOptionsDialog::ask(false, m_window);
    QString error;
    if (asked && !exportBundle(directory, 2.0, &error, asked->theme))
        showError(QStringLiteral("Export failed"), error);
}

void DashboardActions::exportPanelWithDialog(int index, const QString& extension)
{
    const QString title = m_view->panels().at(index)->spec().title;
    const QString path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Export panel \"%1\"").arg(title),
        ChartExporter::fileStem(index, title).mid(3) + QLatin1Char('.') + extension,
        QStringLiteral("%1 (*.%2)").arg(extension.toUpper(), extension));
    if (path.isEmpty())
        return;
    ExportOptionsDialog::Options options;
    if (extension != u"csv") {
        const auto asked = ExportOptionsDialog::ask(extension == u"png", m_window);
        if (!asked)
            return;
        options = *asked;
    }
    QString error;
    if (!exportPanel(index, path, options.scale, &error, options.theme))
        showError(QStringLiteral("Export failed"), error);
}

PanelEditorDialog* DashboardActions::createPanelEditor(int index, QWidget* parent) const
{
    const DashboardSpec current = dashboard();
    PanelSpec panel;
    if (index >= 0 && index < current.panels.size())
        panel = current.panels[index];
    auto* dialog = new PanelEditorDialog(panel, current.sources, parent);
    if (m_promqlLookup) {
        auto* completer = new PromQLCompleter(
            dialog->queryEdit(), [lookup = m_promqlLookup, dialog](const QString& label, QObject* context, auto done) {
                lookup(dialog->sourceId(), label, context, std::move(done));
            });
        // Another source, another server: its lists, not the last one's.
        connect(dialog->sourceChoice(), &QComboBox::currentIndexChanged, completer, &PromQLCompleter::clearCache);
    }
    return dialog;
}

void DashboardActions::editPanelWithDialog(int index)
{
    std::unique_ptr<PanelEditorDialog> dialog(createPanelEditor(index, m_window));
    if (dialog->exec() != QDialog::Accepted)
        return;
    if (index >= 0)
        replacePanel(index, dialog->panel());
    else
        addPanel(dialog->panel());
}

} // namespace perfdash
