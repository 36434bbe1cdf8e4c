#pragma once

#include <QColor>
#include <algorithm>
#include <array>
#include <cmath>

// Colour checks for the theme tests: WCAG contrast, CIE L*a*b* distance, and how a colour looks with a
// colour-vision deficiency (Machado, Oliveira and Fernandes 2009, severity 1.0, on linear sRGB).
namespace colorvision {

enum class Vision { Normal, Protanopia, Deuteranopia, Tritanopia };

inline double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

inline std::array<double, 3> linearRgb(const QColor& color)
{
    return { linear(color.redF()), linear(color.greenF()), linear(color.blueF()) };
}

inline std::array<double, 3> seenWith(const QColor& color, Vision vision)
{
    using Matrix = std::array<std::array<double, 3>, 3>;
    static const Matrix protan { { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 },
        { -0.003882, -0.048116, 1.051998 } } };
    static const Matrix deutan { { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 },
        { -0.011820, 0.042940, 0.968881 } } };
    static const Matrix tritan { { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 },
        { 0.004733, 0.691367, 0.303900 } } };
    const std::array<double, 3> rgb = linearRgb(color);
    if (vision == Vision::Normal)
        return rgb;
    const Matrix& m = vision == Vision::Protanopia ? protan : vision == Vision::Deuteranopia ? deutan : tritan;
    std::array<double, 3> seen {};
    for (int row = 0; row < 3; ++row) {
        const double value = m[row][0] * rgb[0] + m[row][1] * rgb[1] + m[row][2] * rgb[2];
        seen[row] = std::clamp(value, 0.0, 1.0);
    }
    return seen;
}

inline std::array<double, 3> lab(const std::array<double, 3>& rgb)
{
    const double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
    const double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    const double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
    const auto f = [](double t) { return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116; };
    return { 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)) };
}

// CIE76 ΔE between two colours as seen with vision; about 2 is just noticeable, 10 plainly different.
inline double distance(const QColor& a, const QColor& b, Vision vision)
{
    const auto la = lab(seenWith(a, vision));
    const auto lb = lab(seenWith(b, vision));
    return std::hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

inline double luminance(const QColor& color)
{
    const auto rgb = linearRgb(color);
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

// WCAG 2 contrast ratio, 1 to 21: 3 for graphics and large text, 4.5 for body text.
inline double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace colorvision
