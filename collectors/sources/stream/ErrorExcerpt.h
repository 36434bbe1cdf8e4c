#pragma once

#include <QString>
#include <string_view>

namespace perfdash {

// Input quoted in a parse error: at most 40 bytes, cut without splitting a UTF-8 sequence, "..." after.
// Enough to find the place; a 1 MB value must not make a 1 MB error message.
QString errorExcerpt(std::string_view text);

} // namespace perfdash
