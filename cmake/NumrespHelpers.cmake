# Helpers shared by every CMakeLists.txt of the project.

# numresp_set_warnings(<target>): the project's warning set, errors when NUMRESP_WERROR is on.
function(numresp_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion
                                             -Wshadow -Wnon-virtual-dtor -Wold-style-cast)
    if(NUMRESP_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
      # GCC 12 reports impossible memcpy overlaps inside std::string at -O3 in C++20 mode (GCC bug
      # 105329, fixed in GCC 13): a false positive in libstdc++'s own code, kept as a warning. Only
      # for C++20 builds, so that clang-tidy (which reads the C++17 build's commands) never sees
      # the GCC-only flag.
      if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13
         AND DEFINED CMAKE_CXX_STANDARD AND CMAKE_CXX_STANDARD GREATER_EQUAL 20)
        target_compile_options(${target} PRIVATE -Wno-error=restrict)
      endif()
    endif()
  endif()
endfunction()

# numresp_add_library(<module> [SOURCES ...] [DEPS ...])
# Adds numresp_<module>, aliased numresp::<module> and exported as numresp::<module>.
# A module with no sources is an INTERFACE (header-only) library.
function(numresp_add_library module)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(target numresp_${module})
  if(ARG_SOURCES)
    add_library(${target} ${ARG_SOURCES})
    set(scope PUBLIC)
    target_include_directories(${target} PUBLIC
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON
                                               VERSION ${PROJECT_VERSION}
                                               SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
    numresp_set_warnings(${target})
  else()
    add_library(${target} INTERFACE)
    set(scope INTERFACE)
    target_include_directories(${target} INTERFACE
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  endif()
  target_compile_features(${target} ${scope} cxx_std_17)
  if(ARG_DEPS)
    target_link_libraries(${target} ${scope} ${ARG_DEPS})
  endif()
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${module})
  add_library(numresp::${module} ALIAS ${target})
  set_property(GLOBAL APPEND PROPERTY NUMRESP_MODULES ${module})
endfunction()

# numresp_add_test(<name> SOURCES ... [DEPS ...]): a GoogleTest executable, one CTest per test.
function(numresp_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} numresp_testing GTest::gmock GTest::gmock_main)
  target_compile_definitions(${name} PRIVATE NUMRESP_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  numresp_set_warnings(${name})
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST TEST_PREFIX "cpp.")
endfunction()
