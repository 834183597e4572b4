// What a session shows on a terminal (the `screen` setting).
#pragma once

#include "legsup/base/enum_names.hpp"

namespace legsup {

enum class ScreenMode { normal, dim, blank };

inline constexpr EnumName<ScreenMode> kScreenModes[] = {
    {ScreenMode::normal, "normal"}, {ScreenMode::dim, "dim"}, {ScreenMode::blank, "blank"}};

}  // namespace legsup
