#include "ErrorExcerpt.h"

namespace perfdash {

QString errorExcerpt(std::string_view text)
{
    constexpr std::size_t limit = 40;
    if (text.size() <= limit)
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return QString::fromUtf8(text.data(), qsizetype(cut)) + QStringLiteral("...");
}

} // namespace perfdash
