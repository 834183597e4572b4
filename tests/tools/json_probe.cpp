// A test helper: reads JSON (or, with --lines, JSON Lines) on standard input and prints the
// value at each JSON Pointer given, one per line; exits 1 when the input is not valid JSON.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

int main(int argc, char** argv) {
  using nlohmann::json;
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  json document;
  try {
    document = json::parse(input);
  } catch (const json::exception& error) {
    std::cerr << "json_probe: " << error.what() << "\n";
    return 1;
  }
  for (int i = 1; i < argc; ++i) {
    json::json_pointer pointer(argv[i]);
    if (!document.contains(pointer)) {
      std::cout << "(missing)\n";
      continue;
    }
    const json& value = document.at(pointer);
    if (value.is_string()) {
      std::cout << value.get<std::string>() << "\n";
    } else if (value.is_array() || value.is_object()) {
      std::cout << value.size() << "\n";  // the number of elements
    } else {
      std::cout << value.dump() << "\n";
    }
  }
  return 0;
}
