# The project's warning set, applied to each of its own targets (never to the libraries it uses).
option(LEGSUP_WERROR "Treat compiler warnings as errors" OFF)

function(legsup_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2 -Wundef)
  # GCC 12 reports impossible overlaps, bounds and sizes in std::string's copies at -O2 (GCC bugs
  # 105329, 105651 and 106199: false alarms inside libstdc++, fixed in GCC 13).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-array-bounds -Wno-stringop-overflow)
  endif()
  # The sanitizers' instrumentation misleads GCC's flow analysis into false alarms in libstdc++.
  if(LEGSUP_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(LEGSUP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
