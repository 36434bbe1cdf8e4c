#include "HeadlessTestMain.h"
#include "HeatmapColorMap.h"
#include "HeatmapColorScaleItem.h"
#include "HeatmapLayerItem.h"
#include "HeatmapRaster.h"

#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPicture>
#include <QTest>
#include <cmath>
#include <limits>

using namespace perfdash;

namespace {
constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double noValue = std::numeric_limits<double>::quiet_NaN();
constexpr qint64 stepMs = 10'000;
constexpr double shiftMs = 1'000; // what a UTC display would add; the grid must land in the same place

// Steps at 10 s … 60 s with the one at 40 s missing. Drawn over 0 … 60 s on 60 px (10 px a step) and a
// linear value axis 0 … 5 on 50 px (10 px a unit): bucket (0,1] is rows 40–49, (1,2] 30–39, (2,4] 10–29 and
// (4,+Inf] 0–9.
HistogramFrames grid()
{
    const QList<double> bounds { 0, 1, 2, 4, infinity };
    const QList<QList<double>> values { { 1, 0, 0, 8 }, { noValue, 2, 0, 0 }, { 1, 1, 1, 1 }, { 4, 0, 0, 0 },
        { 0, 0, 2, 0 } };
    const qint64 times[] = { 10'000, 20'000, 30'000, 50'000, 60'000 };
    HistogramFrames frames;
    frames.stepMs = stepMs;
    for (int i = 0; i < 5; ++i)
        frames.columns << HistogramColumn { .timeMs = times[i], .bounds = bounds, .values = values[i] };
    return frames;
}

void showGrid(HeatmapRaster& raster)
{
    raster.setFrames(grid());
    raster.setSize(QSize(60, 50));
    raster.setTimeRange(0 + shiftMs, 60'000 + shiftMs, shiftMs);
    raster.setValueMapping(0, 5, [](double bound) { return bound; });
}

QRgb at(const QImage& image, int x, int y) { return image.pixel(x, y); }
bool isEmptyPixel(QRgb pixel) { return qAlpha(pixel) == 0; }
int lightness(QRgb pixel) { return QColor::fromRgba(pixel).lightness(); }

// Rows of pixel column x that are drawn.
int drawnRows(const QImage& image, int x, int fromY, int toY)
{
    int count = 0;
    for (int y = fromY; y < toY; ++y)
        count += isEmptyPixel(at(image, x, y)) ? 0 : 1;
    return count;
}
}

class TestHeatmapLayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hotCellsAreLighterThanColdOnes()
    {
        HeatmapRaster raster;
        showGrid(raster);
        const QImage& image = raster.image();
        QCOMPARE(image.size(), QSize(60, 50));
        // Column 0's +Inf bucket holds the maximum (8), column 1's (1,2] a quarter of it.
        const QRgb hot = at(image, 5, 5);
        const QRgb cold = at(image, 15, 35);
        QCOMPARE(hot, heatmapColor(1.0));
        QCOMPARE(cold, heatmapColor(std::sqrt(2.0 / 8))); // sqrt is the default colour mode
        QVERIFY(lightness(hot) > lightness(cold));
        // Column 2's equal buckets get one colour, between the two.
        QCOMPARE(at(image, 25, 45), at(image, 25, 5));
        QVERIFY(lightness(at(image, 25, 45)) < lightness(hot));
        // Zero and NaN cells are not drawn.
        QVERIFY(isEmptyPixel(at(image, 5, 35))); // column 0, (1,2] = 0
        QVERIFY(isEmptyPixel(at(image, 15, 45))); // column 1, (0,1] = NaN
    }

    void linearAndLogColorModes()
    {
        HeatmapRaster raster;
        showGrid(raster);
        raster.setColorMode(HeatmapColorMode::Linear);
        QCOMPARE(at(raster.image(), 15, 35), heatmapColor(2.0 / 8));
        raster.setColorMode(HeatmapColorMode::Log);
        QCOMPARE(at(raster.image(), 15, 35), heatmapColor(1 + std::log10(2.0 / 8) / 3));
    }

    void missingStepIsAGap()
    {
        HeatmapRaster raster;
        showGrid(raster);
        const QImage& image = raster.image();
        // Columns span (previous time, time]: 10 s is pixels 0–9, 20 s 10–19, 30 s 20–29; 40 s is missing,
        // so 50 s starts one step before itself (40–49), not at 30 s.
        for (int x = 30; x < 40; ++x)
            QCOMPARE(drawnRows(image, x, 0, 50), 0);
        QCOMPARE(drawnRows(image, 29, 0, 50), 50);
        QCOMPARE(drawnRows(image, 40, 40, 50), 10); // 50 s, (0,1] = 4
        QCOMPARE(drawnRows(image, 40, 0, 40), 0);
        QCOMPARE(drawnRows(image, 0, 40, 50), 10); // the first column starts one step before its time
    }

    void infBucketReachesTheTop()
    {
        HeatmapRaster raster;
        showGrid(raster);
        const QImage& image = raster.image();
        // (4,+Inf] of column 0 covers rows 0–9, from its lower bound to the top of the axis.
        QCOMPARE(drawnRows(image, 5, 0, 10), 10);
        QVERIFY(isEmptyPixel(at(image, 5, 10)));
        // The same with the axis ending at the highest finite bound plus a little: still the top row.
        raster.setValueMapping(0, 4.2, [](double bound) { return bound; });
        QVERIFY(!isEmptyPixel(raster.image().pixel(5, 0)));
    }

    void logMappingGivesEveryDecadeTheSameHeight()
    {
        HeatmapRaster raster;
        HistogramFrames frames;
        frames.stepMs = stepMs;
        frames.columns << HistogramColumn {
            .timeMs = stepMs, .bounds = { 0, 1, 10, 100, 1000 }, .values = { 1, 2, 3, 4 }
        };
        raster.setFrames(frames);
        raster.setSize(QSize(10, 80));
        raster.setTimeRange(0, double(stepMs), 0);
        // log10 axis from 0.1 to 1000: 20 px a decade. The bound 0 has no logarithm: the axis' bottom.
        raster.setValueMapping(-1, 3, [](double bound) { return std::log10(bound); });
        const QImage& image = raster.image();
        QCOMPARE(drawnRows(image, 5, 0, 80), 80);
        const auto rowsOfColor = [&](QRgb color) {
            int count = 0;
            for (int y = 0; y < 80; ++y)
                count += at(image, 5, y) == color ? 1 : 0;
            return count;
        };
        const QRgb oneToTen = at(image, 5, 50);
        const QRgb tenToHundred = at(image, 5, 30);
        QVERIFY(oneToTen != tenToHundred);
        QCOMPARE(rowsOfColor(oneToTen), 20);
        QCOMPARE(rowsOfColor(tenToHundred), 20);
        QCOMPARE(rowsOfColor(at(image, 5, 70)), 20); // (0,1]: from the bottom (0.1) up to 1
        QCOMPARE(raster.cellAt(QPointF(5, 45))->bucket, 1);
        QCOMPARE(raster.cellAt(QPointF(5, 39.5))->bucket, 2);
    }

    void cellAtFindsTheBucketUnderTheCursor()
    {
        // Through the item in a scene, as the crosshair asks: scene positions, the plot area offset.
        QGraphicsScene scene;
        auto* layer = new HeatmapLayerItem;
        scene.addItem(layer);
        layer->setPlotArea(QRectF(20, 10, 60, 50));
        layer->setFrames(grid());
        layer->setTimeRange(shiftMs, 60'000 + shiftMs, shiftMs);
        layer->setValueMapping(0, 5, [](double bound) { return bound; });

        const std::optional<HeatmapCell> inf = layer->cellAt(QPointF(20 + 5, 10 + 2));
        QVERIFY(inf);
        QCOMPARE(inf->column, 0);
        QCOMPARE(inf->bucket, 3);
        QCOMPARE(inf->timeMs, 10'000);
        QCOMPARE(inf->lower, 4.0);
        QVERIFY(std::isinf(inf->upper));
        QCOMPARE(inf->value, 8.0);
        QCOMPARE(inf->share, 8.0 / 9);

        const std::optional<HeatmapCell> cold = layer->cellAt(QPointF(20 + 15, 10 + 35));
        QVERIFY(cold);
        QCOMPARE(cold->column, 1);
        QCOMPARE(cold->bucket, 1);
        QCOMPARE(cold->lower, 1.0);
        QCOMPARE(cold->upper, 2.0);
        QCOMPARE(cold->share, 1.0); // the column's NaN bucket counts for nothing

        const std::optional<HeatmapCell> wide = layer->cellAt(QPointF(20 + 55, 10 + 15));
        QVERIFY(wide);
        QCOMPARE(wide->column, 4);
        QCOMPARE(wide->bucket, 2);
        QCOMPARE(wide->timeMs, 60'000);

        QVERIFY(!layer->cellAt(QPointF(20 + 35, 10 + 45))); // the missing step
        QVERIFY(!layer->cellAt(QPointF(20 + 5, 10 + 35))); // a zero cell
        QVERIFY(!layer->cellAt(QPointF(20 + 15, 10 + 45))); // a NaN cell
        QVERIFY(!layer->cellAt(QPointF(10, 30))); // left of the plot
    }

    void paintDrawsTheCachedImageAtThePlotArea()
    {
        QGraphicsScene scene;
        auto* layer = new HeatmapLayerItem;
        scene.addItem(layer);
        layer->setPlotArea(QRectF(20, 10, 60, 50));
        layer->setFrames(grid());
        layer->setTimeRange(shiftMs, 60'000 + shiftMs, shiftMs);
        layer->setValueMapping(0, 5, [](double bound) { return bound; });
        const auto render = [&] {
            QImage image(100, 80, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            QPainter painter(&image);
            scene.render(&painter, QRectF(0, 0, 100, 80), QRectF(0, 0, 100, 80));
            return image;
        };
        QImage image = render();
        QCOMPARE(image.pixel(20 + 5, 10 + 5), heatmapColor(1.0));
        QCOMPARE(image.pixel(20 + 35, 10 + 5), qRgb(255, 255, 255)); // the gap shows what is under it
        QCOMPARE(image.pixel(19, 10 + 5), qRgb(255, 255, 255)); // nothing outside the plot area
        QCOMPARE(layer->renderCount(), 1);

        // Painting again, or setting what is already shown, does not render the cells again.
        image = render();
        layer->setTimeRange(shiftMs, 60'000 + shiftMs, shiftMs);
        layer->setPlotArea(QRectF(20, 10, 60, 50));
        image = render();
        QCOMPARE(layer->renderCount(), 1);
        layer->setPlotArea(QRectF(20, 10, 120, 50));
        image = render();
        QCOMPARE(layer->renderCount(), 2);
        QCOMPARE(layer->image().size(), QSize(120, 50));
    }

    void spikeSharingAPixelIsNotLost()
    {
        // 1,000 steps on 100 px: ten columns to a pixel column, one of them a spike.
        HistogramFrames frames;
        frames.stepMs = 1000;
        const QList<double> bounds { 0, 1, 2 };
        for (int i = 1; i <= 1000; ++i)
            frames.columns << HistogramColumn {
                .timeMs = i * 1000, .bounds = bounds, .values = { 1, i == 555 ? 50.0 : 0.0 }
            };
        HeatmapRaster raster;
        raster.setFrames(frames);
        raster.setSize(QSize(100, 20));
        raster.setTimeRange(0, 1'000'000, 0);
        raster.setValueMapping(0, 2, [](double bound) { return bound; });
        const QImage& image = raster.image();
        int spikeColumns = 0;
        for (int x = 0; x < 100; ++x)
            spikeColumns += at(image, x, 5) == heatmapColor(1.0) ? 1 : 0;
        QCOMPARE(spikeColumns, 1);
        QCOMPARE(drawnRows(image, 30, 0, 20), 10); // elsewhere only (0,1] is drawn
        const std::optional<HeatmapCell> spike = raster.cellAt(QPointF(55, 5));
        QVERIFY(spike);
        QCOMPARE(spike->column, 554);
        QCOMPARE(spike->value, 50.0);
    }

    void colorScaleShowsTheMapAndLabels()
    {
        QImage image(120, 200, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPalette palette;
        palette.setColor(QPalette::Text, Qt::black);
        {
            QPainter painter(&image);
            paintHeatmapColorScale(
                painter, QRectF(0, 0, 120, 200), 24, QStringLiteral("/s"), palette, HeatmapColorMode::Linear);
        }
        const QRgb top = image.pixel(6, 20);
        const QRgb bottom = image.pixel(6, 180);
        QVERIFY(lightness(top) > lightness(bottom));
        QVERIFY(qGreen(top) > 150 && qBlue(bottom) > qGreen(bottom)); // yellow at the top, violet below
        // Labels: dark text right of the bar.
        int textPixels = 0;
        for (int y = 0; y < 200; ++y)
            for (int x = 20; x < 120; ++x)
                textPixels += lightness(image.pixel(x, y)) < 128 ? 1 : 0;
        QVERIFY(textPixels > 20);
        QVERIFY(heatmapColorScaleWidth(QFont(), 24, QStringLiteral("/s")) > 20);
    }

    void colorScaleItemAndVectorDevices()
    {
        // On screen: the item in the scene. In exports: the same calls recorded on a non-raster device.
        QGraphicsScene scene;
        auto* item = new HeatmapColorScaleItem;
        scene.addItem(item);
        item->setRect(QRectF(10, 0, 100, 200));
        item->setScale(24, QStringLiteral("/s"), HeatmapColorMode::Sqrt);
        QImage onScreen(120, 200, QImage::Format_ARGB32_Premultiplied);
        onScreen.fill(Qt::white);
        {
            QPainter painter(&onScreen);
            scene.render(&painter, QRectF(0, 0, 120, 200), QRectF(0, 0, 120, 200));
        }
        QVERIFY(lightness(onScreen.pixel(16, 20)) > lightness(onScreen.pixel(16, 180)));

        QPicture picture;
        {
            QPainter painter(&picture);
            paintHeatmapColorScale(painter, QRectF(0, 0, 120, 200), 24, QStringLiteral("/s"), QPalette());
        }
        QImage replayed(120, 200, QImage::Format_ARGB32_Premultiplied);
        replayed.fill(Qt::white);
        {
            QPainter painter(&replayed);
            picture.play(&painter);
        }
        QVERIFY(lightness(replayed.pixel(6, 20)) > lightness(replayed.pixel(6, 180)));
    }

    void logColorScaleTicksArePowersOfTen()
    {
        // Under Log the ticks are decades; each sits a third of the bar above the one below.
        QImage image(120, 200, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            paintHeatmapColorScale(
                painter, QRectF(0, 0, 120, 200), 500, QStringLiteral("/s"), QPalette(), HeatmapColorMode::Log);
        }
        // Tick marks right of the 12 px bar: rows with a dark pixel at x = 14.
        QList<int> tickRows;
        for (int y = 0; y < 200; ++y)
            if (lightness(image.pixel(14, y)) < 160 && (tickRows.isEmpty() || y > tickRows.last() + 1))
                tickRows << y;
        QCOMPARE(tickRows.size(), 3); // 1, 10 and 100 within 0.5 … 500
        QVERIFY(std::abs((tickRows[2] - tickRows[1]) - (tickRows[1] - tickRows[0])) <= 1);
    }

    void colorPositions()
    {
        QCOMPARE(heatmapColorPosition(0, 10, HeatmapColorMode::Sqrt), 0.0);
        QCOMPARE(heatmapColorPosition(noValue, 10, HeatmapColorMode::Linear), 0.0);
        QCOMPARE(heatmapColorPosition(10, 10, HeatmapColorMode::Log), 1.0);
        QCOMPARE(heatmapColorPosition(0.01, 10, HeatmapColorMode::Log), 0.0);
        QCOMPARE(heatmapColorPosition(2.5, 10, HeatmapColorMode::Sqrt), 0.5);
        QCOMPARE(heatmapColorPosition(20, 10, HeatmapColorMode::Linear), 1.0);
    }
};

PERFDASH_TEST_MAIN(TestHeatmapLayer)
#include "tst_heatmaplayer.moc"
