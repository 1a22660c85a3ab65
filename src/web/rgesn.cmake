# RGESN 2024: data/rgesn/rgesn-2024.json, validated and compiled into numresp_web.
#
# Two uses of this one file:
# - included from src/CMakeLists.txt, after numresp_web is defined (`include(web/rgesn.cmake)`):
#   adds a build step that runs this file as a script and compiles its output into numresp_web;
# - run as that script (cmake -DNUMRESP_RGESN_JSON=<in> -DNUMRESP_RGESN_OUTPUT=<out> -P ...):
#   checks the JSON and writes <out>, a .cpp holding the file's bytes as raw-string chunks, which
#   src/web/rgesn.cpp parses once at run time (no file is read at run time).
#
# The build fails, naming the criterion and the field, when the file is not valid JSON or does
# not hold exactly the RGESN 2024's structure: 78 criteria numbered "<group>.<n>" in the 9 groups
# below (in this order, with these counts), priorities 30 Prioritaire / 29 Recommandé / 19
# Modéré, every field a non-empty string, and a weight for each priority.

if(NOT CMAKE_SCRIPT_MODE_FILE)
  # -- Included from src/CMakeLists.txt ---------------------------------------------------------
  set(numresp_rgesn_json "${PROJECT_SOURCE_DIR}/data/rgesn/rgesn-2024.json")
  set(numresp_rgesn_data "${CMAKE_CURRENT_BINARY_DIR}/web/rgesn_data.cpp")
  add_custom_command(
    OUTPUT "${numresp_rgesn_data}"
    COMMAND "${CMAKE_COMMAND}" "-DNUMRESP_RGESN_JSON=${numresp_rgesn_json}"
            "-DNUMRESP_RGESN_OUTPUT=${numresp_rgesn_data}" -P "${CMAKE_CURRENT_LIST_FILE}"
    DEPENDS "${numresp_rgesn_json}" "${CMAKE_CURRENT_LIST_FILE}"
    COMMENT "Validating and compiling the RGESN 2024 criteria (data/rgesn/rgesn-2024.json)"
    VERBATIM)
  target_sources(numresp_web PRIVATE "${numresp_rgesn_data}")
  return()
endif()

# -- Script mode --------------------------------------------------------------------------------
cmake_minimum_required(VERSION 3.19)  # string(JSON)

# The RGESN 2024's structure (PDF of May 2024 and the DISIC/MiNumEco JSON; see
# shared research ecoindex-rgesn.md §4.2).
set(expected_groups "Stratégie" "Spécifications" "Architecture" "UX/UI" "Contenus" "Frontend" "Backend"
                    "Hébergement" "Algorithmie")
set(expected_group_counts 10 10 7 15 8 7 4 10 7)
set(expected_priorities "Prioritaire" "Recommandé" "Modéré")
set(expected_priority_counts 30 29 19)
set(expected_total 78)
string(REPLACE ";" ", " priority_names "${expected_priorities}")
set(fields numero thematique critere difficulte priorite cible metiers objectif miseEnOeuvre controle)
# Raw-string delimiter and the largest chunk (bytes): MSVC takes at most 16,380 bytes per literal.
set(delimiter "rgesn_json")
set(chunk_limit 16000)

set(where "${NUMRESP_RGESN_JSON}")
if(NOT DEFINED NUMRESP_RGESN_JSON OR NOT DEFINED NUMRESP_RGESN_OUTPUT)
  message(FATAL_ERROR "rgesn.cmake: run as cmake -DNUMRESP_RGESN_JSON=<in> -DNUMRESP_RGESN_OUTPUT=<out> -P rgesn.cmake")
endif()
if(NOT EXISTS "${NUMRESP_RGESN_JSON}")
  message(FATAL_ERROR "${where}: no such file")
endif()
file(READ "${NUMRESP_RGESN_JSON}" text)

function(fail reason)
  message(FATAL_ERROR "${where}: ${reason}")
endfunction()

# The whole file, then the weights.
string(JSON root_type ERROR_VARIABLE error TYPE "${text}")
if(error)
  fail("not valid JSON: ${error}")
endif()
if(NOT root_type STREQUAL "OBJECT")
  fail("expected a JSON object with \"weights\" and \"criteria\", got ${root_type}")
endif()
string(JSON weights_type ERROR_VARIABLE error TYPE "${text}" weights values)
if(error OR NOT weights_type STREQUAL "OBJECT")
  fail("\"weights\": expected an object with \"source\" and \"values\" {priority: weight}")
endif()
string(JSON weights_source ERROR_VARIABLE error GET "${text}" weights source)
if(error OR weights_source STREQUAL "")
  fail("\"weights\".\"source\": expected the citation of the weights")
endif()
string(JSON weights_count LENGTH "${text}" weights values)
list(LENGTH expected_priorities priority_count)
if(NOT weights_count EQUAL priority_count)
  fail("\"weights\".\"values\": expected exactly one weight for each of ${priority_names}, got ${weights_count} entries")
endif()
foreach(priority IN LISTS expected_priorities)
  string(JSON weight_type ERROR_VARIABLE error TYPE "${text}" weights values "${priority}")
  if(error OR NOT weight_type STREQUAL "NUMBER")
    fail("\"weights\".\"values\".\"${priority}\": expected a number")
  endif()
  string(JSON weight GET "${text}" weights values "${priority}")
  if(NOT weight MATCHES "^[0-9]+(\\.[0-9]+)?$" OR weight MATCHES "^0(\\.0*)?$")
    fail("\"weights\".\"values\".\"${priority}\" = ${weight}: expected a positive number")
  endif()
endforeach()

# The criteria.
string(JSON criteria_type ERROR_VARIABLE error TYPE "${text}" criteria)
if(error OR NOT criteria_type STREQUAL "ARRAY")
  fail("\"criteria\": expected the array of the RGESN's criteria")
endif()
string(JSON criteria GET "${text}" criteria)
string(JSON count LENGTH "${criteria}")
if(NOT count EQUAL expected_total)
  fail("expected ${expected_total} criteria, got ${count}")
endif()

list(LENGTH fields field_count)
string(REPLACE ";" ", " field_names "${fields}")
set(group_counts 0 0 0 0 0 0 0 0 0)
set(priority_counts 0 0 0)
set(previous_group 0)
set(previous_number 0)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON item GET "${criteria}" ${i})
  string(JSON item_type TYPE "${criteria}" ${i})
  if(NOT item_type STREQUAL "OBJECT")
    fail("criterion #${i}: expected an object, got ${item_type}")
  endif()
  string(JSON id ERROR_VARIABLE error GET "${item}" numero)
  if(error)
    set(id "#${i}")
  endif()
  # Exactly the ten fields, each a non-empty string.
  string(JSON item_field_count LENGTH "${item}")
  if(NOT item_field_count EQUAL field_count)
    fail("criterion ${id}: expected the ${field_count} fields ${field_names}, got ${item_field_count}")
  endif()
  foreach(field IN LISTS fields)
    string(JSON field_type ERROR_VARIABLE error TYPE "${item}" ${field})
    if(error)
      fail("criterion ${id}: field \"${field}\" is missing")
    endif()
    if(NOT field_type STREQUAL "STRING")
      fail("criterion ${id}: field \"${field}\" must be a string, got ${field_type}")
    endif()
    string(JSON value GET "${item}" ${field})
    string(STRIP "${value}" stripped)
    if(stripped STREQUAL "")
      fail("criterion ${id}: field \"${field}\" is empty")
    endif()
  endforeach()
  # Numbering: "<group>.<n>", groups in order, n = 1, 2, ... within each group.
  if(NOT id MATCHES "^([1-9])\\.([1-9][0-9]*)$")
    fail("criterion #${i}: \"numero\" = \"${id}\": expected \"<group>.<n>\" (e.g. \"1.1\")")
  endif()
  set(group_number ${CMAKE_MATCH_1})
  set(number ${CMAKE_MATCH_2})
  if(group_number EQUAL previous_group)
    math(EXPR expected_number "${previous_number} + 1")
  else()
    math(EXPR expected_next_group "${previous_group} + 1")
    if(NOT group_number EQUAL expected_next_group)
      fail("criterion ${id}: expected group ${previous_group} or ${expected_next_group} after criterion ${previous_group}.${previous_number}")
    endif()
    set(expected_number 1)
  endif()
  if(NOT number EQUAL expected_number)
    fail("criterion ${id}: expected number ${group_number}.${expected_number} (duplicate or gap)")
  endif()
  set(previous_group ${group_number})
  set(previous_number ${number})
  # Group name.
  math(EXPR group_index "${group_number} - 1")
  list(LENGTH expected_groups group_total)
  if(group_index GREATER_EQUAL group_total)
    fail("criterion ${id}: group ${group_number} does not exist (the RGESN 2024 has ${group_total})")
  endif()
  list(GET expected_groups ${group_index} expected_group)
  string(JSON group GET "${item}" thematique)
  if(NOT group STREQUAL expected_group)
    fail("criterion ${id}: \"thematique\" = \"${group}\", expected \"${expected_group}\"")
  endif()
  list(GET group_counts ${group_index} n)
  math(EXPR n "${n} + 1")
  list(REMOVE_AT group_counts ${group_index})
  list(INSERT group_counts ${group_index} ${n})
  # Priority.
  string(JSON priority GET "${item}" priorite)
  list(FIND expected_priorities "${priority}" priority_index)
  if(priority_index LESS 0)
    fail("criterion ${id}: \"priorite\" = \"${priority}\", expected one of ${priority_names}")
  endif()
  list(GET priority_counts ${priority_index} n)
  math(EXPR n "${n} + 1")
  list(REMOVE_AT priority_counts ${priority_index})
  list(INSERT priority_counts ${priority_index} ${n})
endforeach()

if(NOT group_counts STREQUAL expected_group_counts)
  string(REPLACE ";" ", " got "${group_counts}")
  string(REPLACE ";" ", " want "${expected_group_counts}")
  fail("criteria per group: expected ${want}, got ${got}")
endif()
if(NOT priority_counts STREQUAL expected_priority_counts)
  string(REPLACE ";" "/" got "${priority_counts}")
  string(REPLACE ";" "/" want "${expected_priority_counts}")
  fail("priorities Prioritaire/Recommandé/Modéré: expected ${want}, got ${got}")
endif()

# -- Generate: the file's bytes as raw-string chunks cut after a newline (or a space) -----------
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  fail("contains the raw-string delimiter )${delimiter}\"; change `delimiter` in ${CMAKE_CURRENT_LIST_FILE}")
endif()
string(LENGTH "${text}" size)
set(chunks "")
set(chunk_count 0)
set(position 0)
while(position LESS size)
  math(EXPR rest "${size} - ${position}")
  if(rest LESS_EQUAL chunk_limit)
    set(length ${rest})
  else()
    # Cut after an ASCII byte, never inside a UTF-8 sequence: the last newline, else the last space.
    string(SUBSTRING "${text}" ${position} ${chunk_limit} window)
    string(FIND "${window}" "\n" cut REVERSE)
    if(cut LESS 0)
      string(FIND "${window}" " " cut REVERSE)
    endif()
    if(cut LESS 0)
      fail("no newline or space within ${chunk_limit} bytes after byte ${position}: cannot split the data safely")
    endif()
    math(EXPR length "${cut} + 1")
  endif()
  string(SUBSTRING "${text}" ${position} ${length} chunk)
  string(APPEND chunks "    R\"${delimiter}(${chunk})${delimiter}\",\n")
  math(EXPR position "${position} + ${length}")
  math(EXPR chunk_count "${chunk_count} + 1")
endwhile()

set(output "// Generated by src/web/rgesn.cmake from data/rgesn/rgesn-2024.json: do not edit.
// RGESN 2024, Arcep / Arcom with ADEME, DINUM, CNIL and Inria, CC BY-SA 4.0 (data/rgesn/README.md).
// ${size} bytes in ${chunk_count} raw-string chunks.
#include <cstddef>
#include <string>

namespace numresp::web::rgesn::detail {

std::string embedded_json();

std::string embedded_json() {
  static const char* const chunks[] = {
${chunks}  };
  std::string out;
  out.reserve(${size});
  for (const char* chunk : chunks) out += chunk;
  return out;
}

}  // namespace numresp::web::rgesn::detail
")
file(WRITE "${NUMRESP_RGESN_OUTPUT}" "${output}")
