# The Debian package, built by `cpack -G DEB` in the build folder: what a packager sets, the files
# Debian asks for beside the program (the copyright, the changelog, the man page compressed), and
# CPack's settings. The install rules, the package's included, are in CMakeLists.txt.

# No real person or host by default: an address under .invalid, a name reserved never to be one
# (RFC 2606), which lintian takes as a host; no homepage, rather than a page that is not there.
set(LEGSUP_MAINTAINER "legsup packagers <packagers@legsup.invalid>" CACHE STRING
    "The Debian package's maintainer: Name <address>")
set(LEGSUP_HOMEPAGE "" CACHE STRING "The Debian package's homepage (https://...); none when empty")
if(NOT LEGSUP_MAINTAINER MATCHES "^[^<>@]*[^<>@ ] <[^<>@ ]+@[^<>@ ]+\\.[^<>@ ]+>$")
  message(FATAL_ERROR "LEGSUP_MAINTAINER is '${LEGSUP_MAINTAINER}': expected Name <user@host.domain>")
endif()
if(LEGSUP_HOMEPAGE AND NOT LEGSUP_HOMEPAGE MATCHES "^https?://[^ ]+$")
  message(FATAL_ERROR "LEGSUP_HOMEPAGE is '${LEGSUP_HOMEPAGE}': expected https://... or nothing")
endif()

set(deb_source ${CMAKE_CURRENT_LIST_DIR})
set(deb_build ${CMAKE_CURRENT_BINARY_DIR}/packaging)

# The changelog says what each version holds: the project's version must have its entry.
file(STRINGS ${deb_source}/changelog changelog_top LIMIT_COUNT 1)
if(NOT changelog_top MATCHES "^legsup \\(([^)]+)\\) ")
  message(FATAL_ERROR "packaging/changelog: its first line is not 'legsup (VERSION) ...'")
elseif(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "packaging/changelog: its latest entry is for ${CMAKE_MATCH_1}, the project is "
                      "${PROJECT_VERSION}: say what ${PROJECT_VERSION} holds there")
endif()
configure_file(${deb_source}/changelog ${deb_build}/changelog @ONLY)

# The copyright, machine-readable (DEP-5): the licence's holder and text read from LICENSE.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/LICENSE)
file(READ ${PROJECT_SOURCE_DIR}/LICENSE licence)
if(NOT licence MATCHES "\nCopyright \\(c\\) ([^\n]+)\n+(Permission is hereby granted[^\r]+[^\n])\n*$")
  message(FATAL_ERROR "LICENSE: no 'Copyright (c) ...' line followed by the MIT licence's text")
endif()
set(LEGSUP_COPYRIGHT "${CMAKE_MATCH_1}")
# A licence's text in DEP-5: each line indented by one space, an empty line written " .".
string(REPLACE "\n\n" "\n.\n" LEGSUP_EXPAT_TEXT " ${CMAKE_MATCH_2}")
string(REPLACE "\n" "\n " LEGSUP_EXPAT_TEXT "${LEGSUP_EXPAT_TEXT}")
set(LEGSUP_COPYRIGHT_SOURCE "")
if(LEGSUP_HOMEPAGE)
  set(LEGSUP_COPYRIGHT_SOURCE "\nSource: ${LEGSUP_HOMEPAGE}")
endif()
configure_file(${deb_source}/copyright.in ${deb_build}/copyright @ONLY)

# Compressed as Debian wants them: gzip -9, without a name or a time, so that the same sources
# give the same bytes.
find_program(LEGSUP_GZIP gzip REQUIRED)
set(deb_compressed)
foreach(item IN ITEMS "${deb_build}/changelog" "${PROJECT_SOURCE_DIR}/man/legsup.1")
  get_filename_component(name ${item} NAME)
  set(output ${deb_build}/gz/${name}.gz)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E copy ${item} ${deb_build}/gz/${name}
    COMMAND ${LEGSUP_GZIP} -9nf ${deb_build}/gz/${name}
    DEPENDS ${item}
    COMMENT "Compressing ${name} for the Debian package"
    VERBATIM)
  list(APPEND deb_compressed ${output})
endforeach()
add_custom_target(legsup_deb_files ALL DEPENDS ${deb_compressed})

# What the package holds beside what every install holds (CMakeLists.txt): Debian's zsh reads
# completions from vendor-completions, not site-functions.
install(FILES ${deb_build}/gz/legsup.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT debian EXCLUDE_FROM_ALL)
install(FILES completions/_legsup DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        COMPONENT debian EXCLUDE_FROM_ALL)
install(FILES ${deb_build}/copyright ${deb_build}/gz/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/legsup COMPONENT debian EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME legsup)
# One package of the components every install has and the package's own.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL program debian)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_PACKAGE_NAME legsup)
set(CPACK_PACKAGE_CONTACT "${LEGSUP_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LEGSUP_MAINTAINER}")
if(LEGSUP_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${LEGSUP_HOMEPAGE}")
endif()
# The summary is the project's description without its article, as Debian wants it.
string(REGEX REPLACE "^A " "" CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION_FILE ${deb_source}/description)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries the program links, as dpkg-shlibdeps finds them (it needs dpkg-dev and file).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Cues are heard through a player (in legsup's order of preference), or else the terminal's bell:
# one is recommended, not required. The voice and the notification are options.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pulseaudio-utils | pipewire-bin | alsa-utils")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "espeak-ng, libnotify-bin")
set(CPACK_STRIP_FILES ON)
# The same modes whatever the umask of whoever makes the package.
set(CPACK_PRE_BUILD_SCRIPTS ${deb_source}/deb_modes.cmake)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
