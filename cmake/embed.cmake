# Turns a data file into a C++ source that returns its bytes, so a bare binary carries its content.
# Usage: cmake -DINPUT=data/legsup.json -DOUTPUT=embedded_content.cpp -DFUNCTION=embedded_content -P embed.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Break the array into lines of 24 bytes so the generated file stays readable in an editor.
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){24})" "\\1\n  " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT_NAME} by cmake/embed.cmake; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace legsup {\n"
  "namespace {\n"
  "constexpr unsigned char kBytes[${byte_count} + 1] = {\n  ${bytes}0x00};\n"
  "}  // namespace\n\n"
  "std::string_view ${FUNCTION}() {\n"
  "  return {reinterpret_cast<const char*>(kBytes), ${byte_count}};\n"
  "}\n"
  "}  // namespace legsup\n")
# Only touch the output when it changed, so an unchanged content file rebuilds nothing.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
