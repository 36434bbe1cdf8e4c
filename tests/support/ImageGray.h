#pragma once

#include <QImage>

// 0 (black) to 255 (white), averaged over the image: light or dark, lines and labels included.
inline double meanGray(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            sum += qGray(line[x]);
    }
    return rgb.isNull() ? 0 : sum / (double(rgb.width()) * rgb.height());
}
