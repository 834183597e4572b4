// The content built into legsup, read once for all the tests that need it.
#pragma once

#include "legsup/base/error.hpp"
#include "legsup/content/content.hpp"

namespace legsup::testing {

inline const Content& builtin_content() {
  static const Content content =
      parse_content(embedded_content(), "built-in").take(ErrorKind::runtime);
  return content;
}

}  // namespace legsup::testing
