# Runs a libFuzzer target for a bounded time (cmake -P; see CMakeLists.txt):
#   -DFUZZER=<exe> -DSECONDS=<n> -DCORPUS=<writable dir> -DSEEDS=<seed dir> -DDICT=<file>
#   -DARTIFACTS=<dir/> [-DBUILD_DIR=<clang build to bring up to date first>]
# New inputs go to CORPUS (in the build tree), never to the seed corpus in the sources. CORPUS is
# emptied first: each run starts from the seeds with -seed=1, so runs are comparable and the
# corpus (and the time spent loading it) does not grow from run to run.
if(BUILD_DIR)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target lorawan_fuzz RESULT_VARIABLE built)
  if(NOT built EQUAL 0)
    message(FATAL_ERROR "building the fuzzer in ${BUILD_DIR} failed")
  endif()
endif()
file(REMOVE_RECURSE "${CORPUS}")
file(MAKE_DIRECTORY "${CORPUS}" "${ARTIFACTS}")
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -seed=1 -timeout=10 -rss_limit_mb=2048 -max_len=4096
          -dict=${DICT} -artifact_prefix=${ARTIFACTS} -print_final_stats=1 "${CORPUS}" "${SEEDS}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${result}); the input that failed is in ${ARTIFACTS}")
endif()
