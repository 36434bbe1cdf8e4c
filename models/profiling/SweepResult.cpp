#include "SweepResult.h"

#include "NumberText.h"
#include "ProfileMetric.h"
#include "ProfileRunJson.h"
#include "Quantiles.h"
#include "ValueFormat.h"

#include <QJsonArray>
#include <cmath>

namespace perfdash {

namespace {

    const QString throughputMetric = QStringLiteral("throughput_ops_per_s");

    QString figureText(const SweepFigure& figure, const QString& unit)
    {
        if (std::isnan(figure.median))
            return QStringLiteral("–");
        QString text = formatNumber(figure.median, 4);
        if (!std::isnan(figure.q1))
            text += QStringLiteral(" [%1–%2]").arg(formatNumber(figure.q1, 3), formatNumber(figure.q3, 3));
        return unit.isEmpty() ? text : text + u' ' + unit;
    }

    QString padded(const QString& text, int width) { return text.leftJustified(width, u' '); }

    QJsonObject figureJson(const SweepFigure& figure)
    {
        return { { QStringLiteral("median"), jsonNumber(figure.median) },
            { QStringLiteral("q1"), jsonNumber(figure.q1) }, { QStringLiteral("q3"), jsonNumber(figure.q3) } };
    }

    QString curveName(const SweepResult& result, const SweepCurve& curve)
    {
        return result.seriesParameter.isEmpty()
            ? result.component
            : QStringLiteral("%1=%2").arg(result.seriesParameter, curve.seriesValue);
    }

} // namespace

SweepFigure SweepResult::figure(const SweepCurve& curve, int point, const QString& metric) const
{
    if (point < 0 || point >= curve.runs.size())
        return {};
    const QList<double> values = curve.runs[point].values(metric);
    if (values.isEmpty())
        return {};
    return { Quantiles::of(values, 0.5), Quantiles::of(values, 0.25), Quantiles::of(values, 0.75) };
}

QStringList SweepResult::metricNames() const
{
    QStringList names;
    for (const ProfileMetric& metric : ProfileMetric::all()) {
        const bool reported = std::any_of(curves.begin(), curves.end(), [&](const SweepCurve& curve) {
            return std::any_of(curve.runs.begin(), curve.runs.end(),
                [&](const ProfileRun& run) { return run.metricNames().contains(metric.name); });
        });
        if (reported)
            names << metric.name;
    }
    return names;
}

int SweepResult::finishedPoints() const
{
    int finished = 0;
    for (const SweepCurve& curve : curves)
        finished += int(curve.runs.size());
    return finished;
}

std::optional<int> SweepResult::knee(const SweepCurve& curve, const QString& metric) const
{
    const int n = int(curve.runs.size());
    if (n < 3)
        return std::nullopt;
    std::vector<double> x;
    std::vector<double> y;
    for (int i = 0; i < n; ++i) {
        const double value = values[i].toDouble();
        x.push_back(spec.scale == SweepSpec::Scale::Log ? std::log(value) : value);
        y.push_back(figure(curve, i, metric).median);
        if (!std::isfinite(y.back()))
            return std::nullopt;
    }
    const auto [yLow, yHigh] = std::minmax_element(y.begin(), y.end());
    if (!(*yHigh > *yLow) || !(x.back() > x.front()))
        return std::nullopt;
    // A rising curve as it is, a falling one mirrored: the knee is where it stops paying, in either case.
    const bool rising = y.back() >= y.front();
    int best = -1;
    double bestDistance = 0.0;
    for (int i = 0; i < n; ++i) {
        const double xn = (x[i] - x.front()) / (x.back() - x.front());
        double yn = (y[i] - *yLow) / (*yHigh - *yLow);
        if (!rising)
            yn = 1 - yn;
        const double distance = yn - xn;
        if (distance > bestDistance + 1e-9) {
            bestDistance = distance;
            best = i;
        }
    }
    // A curve within 5 % of its chord has no knee worth the name.
    if (best < 0 || bestDistance < 0.05)
        return std::nullopt;
    return best;
}

QJsonObject SweepResult::toJson() const
{
    QJsonObject fixed;
    for (auto it = fixedParameters.begin(); it != fixedParameters.end(); ++it)
        fixed.insert(it.key(), *it);
    QJsonArray sweptValues;
    for (const QString& value : values)
        sweptValues.append(value);
    QJsonArray curvesJson;
    const QStringList metrics = metricNames();
    for (const SweepCurve& curve : curves) {
        QJsonArray points;
        for (int i = 0; i < curve.runs.size(); ++i) {
            QJsonObject figures;
            for (const QString& metric : metrics) {
                if (!curve.runs[i].values(metric).isEmpty())
                    figures.insert(metric, figureJson(figure(curve, i, metric)));
            }
            points.append(QJsonObject { { QStringLiteral("value"), values[i] }, { QStringLiteral("figures"), figures },
                { QStringLiteral("run"), ProfileRunJson::toObject(curve.runs[i]) } });
        }
        QJsonObject curveJson { { QStringLiteral("series_value"), curve.seriesValue },
            { QStringLiteral("points"), points } };
        if (const auto at = knee(curve, throughputMetric); at && component == u"pool")
            curveJson.insert(QStringLiteral("knee"),
                QJsonObject {
                    { QStringLiteral("metric"), throughputMetric }, { QStringLiteral("value"), values[*at] } });
        curvesJson.append(curveJson);
    }
    QJsonObject root { { QStringLiteral("format"), QStringLiteral("perfdash-sweep") }, { QStringLiteral("version"), 1 },
        { QStringLiteral("component"), component },
        { QStringLiteral("sweep"),
            QJsonObject { { QStringLiteral("parameter"), spec.parameter }, { QStringLiteral("from"), spec.from },
                { QStringLiteral("to"), spec.to },
                { QStringLiteral("scale"),
                    spec.scale == SweepSpec::Scale::Log ? QStringLiteral("log") : QStringLiteral("lin") },
                { QStringLiteral("points"), spec.points }, { QStringLiteral("values"), sweptValues } } },
        { QStringLiteral("series_parameter"), seriesParameter.isEmpty() ? QJsonValue() : QJsonValue(seriesParameter) },
        { QStringLiteral("fixed_parameters"), fixed }, { QStringLiteral("repetitions"), repetitions },
        { QStringLiteral("started_at"), startedAt.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("cancelled"), cancelled }, { QStringLiteral("curves"), curvesJson } };
    if (!error.isEmpty())
        root.insert(QStringLiteral("error"), error);
    return root;
}

QByteArray SweepResult::toCsv() const
{
    QByteArray csv = "series,parameter,value,metric,median,q1,q3,repetitions\n";
    const QStringList metrics = metricNames();
    for (const SweepCurve& curve : curves) {
        for (int i = 0; i < curve.runs.size(); ++i) {
            for (const QString& metric : metrics) {
                const QList<double> measured = curve.runs[i].values(metric);
                if (measured.isEmpty())
                    continue;
                const SweepFigure f = figure(curve, i, metric);
                csv += curve.seriesValue.toUtf8() + ',' + spec.parameter.toUtf8() + ',' + values[i].toUtf8() + ','
                    + metric.toUtf8() + ',' + shortestNumberText(f.median) + ',' + shortestNumberText(f.q1) + ','
                    + shortestNumberText(f.q3) + ',' + QByteArray::number(measured.size()) + '\n';
            }
        }
    }
    return csv;
}

QString SweepResult::toText() const
{
    QString text = QStringLiteral("%1 sweep over %2 (%3 values, %4 scale), median [interquartile range] of %5 "
                                  "repetitions per point\n")
                       .arg(component, spec.parameter)
                       .arg(values.size())
                       .arg(spec.scale == SweepSpec::Scale::Log ? QStringLiteral("log") : QStringLiteral("linear"))
                       .arg(repetitions);
    if (cancelled)
        text += QStringLiteral("cancelled after %1 of %2 points\n").arg(finishedPoints()).arg(totalPoints());
    if (!error.isEmpty())
        text += QStringLiteral("stopped: %1\n").arg(error);
    const int width = 30;
    for (const QString& name : metricNames()) {
        const ProfileMetric* metric = ProfileMetric::find(name);
        text += QStringLiteral("\n%1\n").arg(metric->label);
        text += padded(spec.parameter, 12);
        for (const SweepCurve& curve : curves)
            text += padded(curveName(*this, curve), width);
        text += u'\n';
        for (int i = 0; i < values.size(); ++i) {
            text += padded(values[i], 12);
            for (const SweepCurve& curve : curves)
                text += padded(figureText(figure(curve, i, name), metric->unit), width);
            text += u'\n';
        }
        if (name == throughputMetric && component == u"pool") {
            for (const SweepCurve& curve : curves) {
                if (const auto at = knee(curve, name))
                    text += QStringLiteral("knee (%1): %2=%3, beyond it more %2 buys little throughput\n")
                                .arg(curveName(*this, curve), spec.parameter, values[*at]);
            }
        }
    }
    // Cache capacity: each policy's miss ratio against LRU and the optimum on the same trace.
    if (component == u"cache" && !curves.isEmpty() && metricNames().contains(QStringLiteral("belady_hit_ratio"))) {
        text += QStringLiteral(
            "\nMiss-ratio curve (%, lower is better; LRU and Bélády replay the same trace offline)\n");
        text += padded(spec.parameter, 12);
        for (const SweepCurve& curve : curves)
            text += padded(curveName(*this, curve), 18);
        text += padded(QStringLiteral("LRU (offline)"), 16) + padded(QStringLiteral("Bélády"), 10)
            + QStringLiteral("best gap to Bélády\n");
        for (int i = 0; i < values.size(); ++i) {
            const double belady = 100 * (1 - figure(curves.first(), i, QStringLiteral("belady_hit_ratio")).median);
            const double lru = 100 * (1 - figure(curves.first(), i, QStringLiteral("lru_hit_ratio_offline")).median);
            double best = qQNaN();
            text += padded(values[i], 12);
            for (const SweepCurve& curve : curves) {
                const double miss = 100 * (1 - figure(curve, i, QStringLiteral("hit_ratio")).median);
                if (!std::isnan(miss) && !(miss >= best))
                    best = miss;
                text += padded(std::isnan(miss) ? QStringLiteral("–") : formatNumber(miss, 3), 18);
            }
            text += padded(std::isnan(lru) ? QStringLiteral("–") : formatNumber(lru, 3), 16)
                + padded(std::isnan(belady) ? QStringLiteral("–") : formatNumber(belady, 3), 10)
                + (std::isnan(best) || std::isnan(belady)
                        ? QStringLiteral("–")
                        : QStringLiteral("%1 points").arg(formatNumber(best - belady, 2)))
                + u'\n';
        }
    }
    return text;
}

} // namespace perfdash
