# The project's warning set, applied to each of its own targets (never to the libraries it uses).
option(LEGSUP_WERROR "Treat compiler warnings as errors" OFF)

function(legsup_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2 -Wundef)
  if(LEGSUP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
