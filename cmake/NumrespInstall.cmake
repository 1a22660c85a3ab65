# Install rules: headers, libraries, an exported CMake package and a pkg-config file, so that
#   find_package(numresp CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE numresp::numresp)
# works from an installed prefix.
include(CMakePackageConfigHelpers)

set(NUMRESP_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/numresp")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/numresp"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT numresp_development
        FILES_MATCHING PATTERN "*.hpp")

get_property(numresp_modules GLOBAL PROPERTY NUMRESP_MODULES)
set(numresp_targets)
foreach(module IN LISTS numresp_modules)
  list(APPEND numresp_targets numresp_${module})
endforeach()

install(TARGETS ${numresp_targets}
        EXPORT numresp-targets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT numresp_development
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT numresp_runtime
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT numresp_runtime
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(EXPORT numresp-targets
        NAMESPACE numresp::
        DESTINATION "${NUMRESP_CMAKE_DIR}"
        COMPONENT numresp_development)
# The same targets from the build tree, for users who point CMAKE_PREFIX_PATH at it.
export(EXPORT numresp-targets NAMESPACE numresp:: FILE "${PROJECT_BINARY_DIR}/numresp-targets.cmake")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/numresp-config.cmake.in"
                              "${PROJECT_BINARY_DIR}/numresp-config.cmake"
                              INSTALL_DESTINATION "${NUMRESP_CMAKE_DIR}")
# 0.x: a minor release may break the API, so only the same minor version is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/numresp-config-version.cmake"
                                 VERSION ${PROJECT_VERSION}
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/numresp-config.cmake" "${PROJECT_BINARY_DIR}/numresp-config-version.cmake"
        DESTINATION "${NUMRESP_CMAKE_DIR}"
        COMPONENT numresp_development)

# pkg-config: libraries in dependency order (umbrella first, core last).
set(NUMRESP_PC_LIBS "")
list(REVERSE numresp_modules)
foreach(module IN LISTS numresp_modules)
  get_target_property(type numresp_${module} TYPE)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    string(APPEND NUMRESP_PC_LIBS " -lnumresp_${module}")
  endif()
endforeach()
# Relocatable: the prefix is found from the .pc file's own folder, so `cmake --install --prefix`
# anywhere gives a working file.
file(RELATIVE_PATH NUMRESP_PC_RELATIVE_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file("${PROJECT_SOURCE_DIR}/cmake/numresp.pc.in" "${PROJECT_BINARY_DIR}/numresp.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/numresp.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
        COMPONENT numresp_development)
