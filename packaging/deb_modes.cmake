# Run by CPack before it makes the package (CPACK_PRE_BUILD_SCRIPTS): every folder of the package
# is 0755, whatever the umask of whoever makes it. CMake creates folders through the umask (its
# default folder permissions included), and CPack's DEB generator writes each with the mode it
# finds; the files have their modes from the install rules.
file(GLOB_RECURSE folders LIST_DIRECTORIES true "${CPACK_TEMPORARY_DIRECTORY}/*")
foreach(path IN ITEMS "${CPACK_TEMPORARY_DIRECTORY}" ${folders})
  if(IS_DIRECTORY "${path}" AND NOT IS_SYMLINK "${path}")
    file(CHMOD "${path}" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
         GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endif()
endforeach()
