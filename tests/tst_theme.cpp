#include "ApplicationTheme.h"
#include "ChartExporter.h"
#include "ChartPanel.h"
#include "ColorVision.h"
#include "DashboardActions.h"
#include "DashboardView.h"
#include "ExportOptionsDialog.h"
#include "HeadlessTestMain.h"
#include "ImageGray.h"
#include "MainWindow.h"
#include "Theme.h"
#include "TimeSeriesStore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace perfdash;
using colorvision::Vision;

namespace {
constexpr qint64 t0 = 1'764'160'000'000;
const QString metric = QStringLiteral("latency_seconds");

PanelSpec latencyPanel()
{
    PanelSpec panel;
    panel.title = QStringLiteral("API latency");
    panel.metric = metric;
    panel.unit = QStringLiteral("ms");
    panel.displayScale = 1000;
    panel.target = { 2000, 1600, Direction::LowerIsBetter };
    return panel;
}

// Pixels within tolerance of color on every channel: how much of it was drawn.
int pixelsNear(const QImage& image, const QColor& color, int tolerance = 10)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            if (std::abs(qRed(line[x]) - color.red()) <= tolerance && std::abs(qGreen(line[x]) - color.green()) <= tolerance
                && std::abs(qBlue(line[x]) - color.blue()) <= tolerance)
                ++count;
        }
    }
    return count;
}

QLabel* labelWithText(const QWidget* root, const QString& text)
{
    const QList<QLabel*> labels = root->findChildren<QLabel*>();
    for (QLabel* label : labels) {
        if (label->text() == text)
            return label;
    }
    return nullptr;
}
}

class TestTheme : public QObject {
    Q_OBJECT

    TimeSeriesStore m_store;
    QTemporaryDir m_dir;

    std::unique_ptr<ChartPanel> shownPanel()
    {
        auto panel = std::make_unique<ChartPanel>(latencyPanel());
        panel->resize(640, 360);
        panel->show();
        for (int pass = 0; pass < 2; ++pass) {
            QCoreApplication::processEvents();
            panel->refresh(m_store, t0, t0 + 9000);
        }
        return panel;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("perfdash-tests-theme"));
        QSettings().clear();
        SampleBatch batch;
        for (int i = 0; i < 10; ++i)
            batch.push_back({ metric, { { QStringLiteral("host"), QStringLiteral("a") } }, t0 + i * 1000, 1.0 + i * 0.1 });
        m_store.append(batch);
    }

    void cleanup() { applyApplicationTheme(ThemeChoice::Light); }

    void seriesColoursStayApartForColourBlindReaders_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    // Every pair of series colours plainly apart (ΔE ≥ 10) with normal vision and with each of the three
    // dichromacies, and every one at least 3:1 against the chart (WCAG's bar for graphics).
    void seriesColoursStayApartForColourBlindReaders()
    {
        QFETCH(bool, dark);
        const Theme& theme = dark ? Theme::dark() : Theme::light();
        QVERIFY(theme.series.size() >= 6);
        for (const QColor& color : theme.series) {
            QVERIFY2(colorvision::contrast(color, theme.chartBackground) >= 3.0,
                qPrintable(QStringLiteral("%1 on %2: %3:1")
                               .arg(color.name(), theme.chartBackground.name())
                               .arg(colorvision::contrast(color, theme.chartBackground))));
        }
        for (const Vision vision : { Vision::Normal, Vision::Protanopia, Vision::Deuteranopia, Vision::Tritanopia }) {
            for (qsizetype i = 0; i < theme.series.size(); ++i) {
                for (qsizetype j = i + 1; j < theme.series.size(); ++j) {
                    const double apart = colorvision::distance(theme.series[i], theme.series[j], vision);
                    QVERIFY2(apart >= 10, qPrintable(QStringLiteral("%1 and %2 are ΔE %3 apart for vision %4")
                                                         .arg(theme.series[i].name(), theme.series[j].name())
                                                         .arg(apart)
                                                         .arg(int(vision))));
                }
            }
        }
        // No series is the target's red: red means "not met".
        for (const QColor& color : theme.series)
            QVERIFY(colorvision::distance(color, theme.target, Vision::Normal) >= 20);
    }

    void referenceLinesAndWordsReadOnTheirBackground_data() { seriesColoursStayApartForColourBlindReaders_data(); }

    void referenceLinesAndWordsReadOnTheirBackground()
    {
        QFETCH(bool, dark);
        const Theme& theme = dark ? Theme::dark() : Theme::light();
        const QColor background = theme.chartBackground;
        QVERIFY(colorvision::contrast(theme.target, background) >= 3.0);
        QVERIFY(colorvision::contrast(theme.baseline, background) >= 3.0);
        // The target stays red and the baseline grey in both themes.
        QVERIFY(theme.target.hslHue() <= 15 || theme.target.hslHue() >= 345);
        QVERIFY(theme.baseline.hslSaturationF() < 0.15);
        const QColor window = theme.palette.color(QPalette::Window);
        QVERIFY(colorvision::contrast(theme.text, window) >= 7.0);
        QVERIFY(colorvision::contrast(theme.mutedText, window) >= 4.5);
        for (const QColor& meaning : { theme.good, theme.bad, theme.warning })
            QVERIFY2(colorvision::contrast(meaning, window) >= 3.0, qPrintable(meaning.name()));
        for (const QColor& badge : { theme.good, theme.bad, theme.noData })
            QVERIFY2(colorvision::contrast(theme.badgeText, badge) >= 3.0, qPrintable(badge.name()));
        QCOMPARE(isDarkPalette(theme.palette), dark);
        QCOMPARE(&Theme::forPalette(theme.palette), &theme);
    }

    // View → Theme reaches a panel already on screen: its chart, series, scorecard badge and messages.
    void applicationThemeRedrawsWhatIsShown()
    {
        auto panel = shownPanel();
        panel->setFailure(QStringLiteral("cannot reach the server"));
        QLabel* status = labelWithText(panel.get(), QStringLiteral("NOT MET"));
        QVERIFY(status);
        auto* message = panel->findChild<QLabel*>(QStringLiteral("queryMessage"));
        QVERIFY(message);

        const QImage light = ChartExporter::panelImage(panel.get());
        QVERIFY2(meanGray(light) > 200, qPrintable(QString::number(meanGray(light))));
        QVERIFY(pixelsNear(light, Theme::light().series[0]) > 20);
        QVERIFY(status->styleSheet().contains(Theme::light().bad.name()));

        applyApplicationTheme(ThemeChoice::Dark);
        QVERIFY(Theme::of(panel.get()).isDark);
        const QImage dark = ChartExporter::panelImage(panel.get());
        QVERIFY2(meanGray(dark) < 80, qPrintable(QString::number(meanGray(dark))));
        QVERIFY(pixelsNear(dark, Theme::dark().series[0]) > 20);
        QCOMPARE(pixelsNear(dark, Theme::light().series[0]), 0);
        QVERIFY(pixelsNear(dark, Theme::dark().target) > 50);
        QVERIFY(status->styleSheet().contains(Theme::dark().bad.name()));
        QVERIFY(message->styleSheet().contains(Theme::dark().bad.name()));
        QCOMPARE(status->text(), QStringLiteral("NOT MET")); // the words carry the meaning too

        applyApplicationTheme(ThemeChoice::Light);
        QVERIFY(meanGray(ChartExporter::panelImage(panel.get())) > 200);
        QVERIFY(message->styleSheet().contains(Theme::light().bad.name()));
    }

    // Print and slides are white: an export is light unless dark or the window's look is asked for, and
    // the window keeps its theme afterwards.
    void exportsAreLightUnlessAskedOtherwise()
    {
        DashboardSpec dashboard;
        dashboard.name = QStringLiteral("Themed");
        dashboard.panels = { latencyPanel() };
        MainWindow window(dashboard, m_store);
        window.resize(900, 600);
        window.show();
        applyApplicationTheme(ThemeChoice::Dark);
        QCoreApplication::processEvents();
        DashboardActions* actions = window.dashboardActions();
        const auto exported = [&](const QString& name, ExportTheme theme) {
            const QString path = m_dir.filePath(name);
            QString error;
            if (!actions->exportPanel(0, path, 1, &error, theme))
                qWarning() << error;
            return QImage(path);
        };
        const QImage byDefault = exported(QStringLiteral("default.png"), ExportTheme::Light);
        QVERIFY(!byDefault.isNull());
        QVERIFY2(meanGray(byDefault) > 200, qPrintable(QString::number(meanGray(byDefault))));
        QVERIFY(meanGray(exported(QStringLiteral("dark.png"), ExportTheme::Dark)) < 80);
        QVERIFY(meanGray(exported(QStringLiteral("shown.png"), ExportTheme::AsShown)) < 80);
        QVERIFY(Theme::of(window.dashboard()->panels().first()).isDark);

        QString error;
        const QString page = m_dir.filePath(QStringLiteral("dashboard.png"));
        QVERIFY2(actions->exportDashboard(page, 1, false, &error), qPrintable(error));
        QCOMPARE(QImage(page).pixelColor(2, 2), Theme::light().pageBackground);
        ChartPanel* panel = window.dashboard()->panels().first();
        QVERIFY(Theme::of(panel).isDark);
        // The export's palette is gone with it: the panel follows the next switch like any other widget.
        QVERIFY(!panel->testAttribute(Qt::WA_SetPalette));
        applyApplicationTheme(ThemeChoice::Light);
        QCoreApplication::processEvents();
        QVERIFY(!Theme::of(panel).isDark);
        QVERIFY(meanGray(exported(QStringLiteral("dark-from-light.png"), ExportTheme::Dark)) < 80);
        QVERIFY(!Theme::of(panel).isDark);
    }

    // The export dialog starts at the last theme chosen (light the first time) and asks a scale for PNG only.
    void exportDialogOffersTheThemes()
    {
        QSettings().remove(QStringLiteral("export/theme"));
        {
            ExportOptionsDialog png(true);
            QCOMPARE(png.options().theme, ExportTheme::Light);
            QVERIFY(png.findChild<QDoubleSpinBox*>(QStringLiteral("exportScale")));
            QCOMPARE(png.options().scale, 2.0);
            auto* theme = png.findChild<QComboBox*>(QStringLiteral("exportTheme"));
            QVERIFY(theme);
            QCOMPARE(theme->count(), 3);
            theme->setCurrentIndex(theme->findData(int(ExportTheme::Dark)));
            QCOMPARE(png.options().theme, ExportTheme::Dark);
        }
        ExportOptionsDialog svg(false);
        QVERIFY(!svg.findChild<QDoubleSpinBox*>(QStringLiteral("exportScale")));
        QCOMPARE(svg.options().scale, 1.0);
        storeExportTheme(ExportTheme::AsShown);
        QCOMPARE(ExportOptionsDialog(false).options().theme, ExportTheme::AsShown);
        QSettings().setValue(QStringLiteral("export/theme"), QStringLiteral("sepia"));
        QCOMPARE(storedExportTheme(), ExportTheme::Light);
    }

    void themeMenuChoiceIsRemembered()
    {
        DashboardSpec dashboard;
        dashboard.name = QStringLiteral("Menu");
        dashboard.panels = { latencyPanel() };
        MainWindow window(dashboard, m_store);
        auto* dark = window.findChild<QAction*>(QStringLiteral("theme-dark"));
        auto* system = window.findChild<QAction*>(QStringLiteral("theme-system"));
        QVERIFY(dark && system);
        dark->trigger();
        QVERIFY(dark->isChecked());
        QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
        QCOMPARE(storedThemeChoice(), ThemeChoice::Dark);
        QVERIFY(isDarkPalette(QApplication::palette()));
        // The offscreen platform's palette is light: System follows it.
        system->trigger();
        QCOMPARE(storedThemeChoice(), ThemeChoice::System);
        if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
            QVERIFY(!desktopPrefersDark());
            QVERIFY(!isDarkPalette(QApplication::palette()));
        }
        QSettings().setValue(QStringLiteral("view/theme"), QStringLiteral("purple"));
        QCOMPARE(storedThemeChoice(), ThemeChoice::System);
    }
};

PERFDASH_TEST_MAIN(TestTheme)
#include "tst_theme.moc"
