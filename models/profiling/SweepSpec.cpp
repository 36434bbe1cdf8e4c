#include "SweepSpec.h"

#include "ProfileParameter.h"

#include <QRegularExpression>
#include <cmath>

namespace perfdash {

namespace {

    const ProfileParameter* findParameter(const QString& component, const QString& name)
    {
        for (const ProfileParameter& parameter : ProfileParameter::forComponent(component)) {
            if (parameter.name == name)
                return &parameter;
        }
        return nullptr;
    }

    QStringList names(const QString& component, bool numeric)
    {
        QStringList result;
        for (const ProfileParameter& parameter : ProfileParameter::forComponent(component)) {
            const bool isNumeric
                = parameter.kind == ProfileParameter::Kind::Integer || parameter.kind == ProfileParameter::Kind::Real;
            if (numeric ? isNumeric : parameter.kind == ProfileParameter::Kind::Choice)
                result << parameter.name;
        }
        return result;
    }

    constexpr int mostPoints = 200;

} // namespace

std::optional<SweepSpec> SweepSpec::parse(const QString& component, const QString& text, QString* error)
{
    static const QRegularExpression form(QStringLiteral(
        R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([^.:]+(?:\.\d+)?)\s*\.\.\s*([^:]+?)\s*(?::\s*(lin|log)\s*(?::\s*(\d+))?)?\s*$)"));
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch()) {
        *error
            = QStringLiteral("--sweep takes NAME=FROM..TO[:lin|log[:POINTS]], for example capacity=100..10000:log:12; "
                             "not \"%1\"")
                  .arg(text);
        return std::nullopt;
    }
    SweepSpec spec;
    spec.parameter = match.captured(1);
    const ProfileParameter* parameter = findParameter(component, spec.parameter);
    if (!parameter || parameter->kind == ProfileParameter::Kind::Choice
        || parameter->kind == ProfileParameter::Kind::Text) {
        *error = QStringLiteral("--sweep: %1 has no numeric parameter \"%2\" (numeric: %3)")
                     .arg(component, spec.parameter, names(component, true).join(QStringLiteral(", ")));
        return std::nullopt;
    }
    bool fromOk = false;
    bool toOk = false;
    spec.from = match.captured(2).trimmed().toDouble(&fromOk);
    spec.to = match.captured(3).trimmed().toDouble(&toOk);
    if (!fromOk || !toOk || !std::isfinite(spec.from) || !std::isfinite(spec.to) || !(spec.from < spec.to)) {
        *error = QStringLiteral("--sweep %1: the range must be two numbers, the first below the second; not \"%2..%3\"")
                     .arg(spec.parameter, match.captured(2).trimmed(), match.captured(3).trimmed());
        return std::nullopt;
    }
    if (spec.from < parameter->minimum || spec.to > parameter->maximum) {
        *error = QStringLiteral("--sweep %1: %2..%3 leaves the parameter's range %4..%5")
                     .arg(spec.parameter)
                     .arg(spec.from)
                     .arg(spec.to)
                     .arg(parameter->minimum)
                     .arg(parameter->maximum);
        return std::nullopt;
    }
    spec.scale = match.captured(4) == u"log" ? Scale::Log : Scale::Linear;
    if (spec.scale == Scale::Log && !(spec.from > 0)) {
        *error = QStringLiteral("--sweep %1: a log scale needs a range above 0").arg(spec.parameter);
        return std::nullopt;
    }
    const QString points = match.captured(5);
    spec.points = points.isEmpty() ? 8 : points.toInt();
    if (spec.points < 2 || spec.points > mostPoints) {
        *error
            = QStringLiteral("--sweep %1: from 2 to %2 points, not %3").arg(spec.parameter).arg(mostPoints).arg(points);
        return std::nullopt;
    }
    return spec;
}

QStringList SweepSpec::values(const QString& component) const
{
    const ProfileParameter* parameter = findParameter(component, this->parameter);
    const bool integer = parameter && parameter->kind == ProfileParameter::Kind::Integer;
    QStringList result;
    for (int i = 0; i < points; ++i) {
        const double share = double(i) / double(points - 1);
        double value = scale == Scale::Log ? from * std::pow(to / from, share) : from + (to - from) * share;
        if (i == points - 1)
            value = to; // no rounding drift at the end
        const QString text = integer ? QString::number(qint64(std::llround(value))) : QString::number(value, 'g', 6);
        if (result.isEmpty() || result.last() != text)
            result << text;
    }
    return result;
}

QString SweepSpec::text() const
{
    return QStringLiteral("%1=%2..%3:%4:%5")
        .arg(parameter)
        .arg(from)
        .arg(to)
        .arg(scale == Scale::Log ? QStringLiteral("log") : QStringLiteral("lin"))
        .arg(points);
}

std::optional<SweepSeries> SweepSeries::parse(const QString& component, const QString& text, QString* error)
{
    const qsizetype equals = text.indexOf(u'=');
    SweepSeries series;
    series.parameter = text.left(equals).trimmed();
    const ProfileParameter* parameter = equals > 0 ? findParameter(component, series.parameter) : nullptr;
    if (!parameter || parameter->kind != ProfileParameter::Kind::Choice) {
        *error = QStringLiteral("--series takes CHOICE=A,B,… with a choice parameter of %1 (%2), not \"%3\"")
                     .arg(component, names(component, false).join(QStringLiteral(", ")), text);
        return std::nullopt;
    }
    for (const QString& value : text.mid(equals + 1).split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = value.trimmed();
        if (const QString problem = parameter->validate(trimmed); !problem.isEmpty()) {
            *error = QStringLiteral("--series: %1").arg(problem);
            return std::nullopt;
        }
        if (!series.values.contains(trimmed))
            series.values << trimmed;
    }
    if (series.values.isEmpty()) {
        *error = QStringLiteral("--series %1: name at least one value").arg(series.parameter);
        return std::nullopt;
    }
    return series;
}

} // namespace perfdash
