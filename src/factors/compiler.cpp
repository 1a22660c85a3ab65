// numresp_factor_compiler: validates the factor tables and compiles them into C++.
//
//   numresp_factor_compiler DATA_DIR OUT.cpp
//
// DATA_DIR holds sets.csv (the manifest: set, file, default, description; one row per file of a
// set) and the tables it names. Every row of every table goes through the same checks as a
// user's override (numresp::factors::make_factor); ids must be unique within a set; exactly one
// set is the default. Any failure prints "file:line: field ..." and exits 1, which fails the
// build. OUT.cpp defines numresp::factors::detail::builtin_sets.
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "builtin_data.hpp"
#include "numresp/factors/factor.hpp"
#include "numresp/io/csv.hpp"

namespace {

struct set_spec {
  std::string name;
  std::string description;
  bool is_default = false;
  std::vector<std::string> files;
};

struct table_row {
  std::vector<std::string> fields;
  std::string origin;
};

/// A C++ string literal for `s`: printable ASCII as is, everything else as octal escapes.
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c >= 0x20 && c < 0x7F && c != '?') {
      out += ch;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

int fail(const std::string& message) {
  std::fprintf(stderr, "numresp_factor_compiler: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return fail("usage: numresp_factor_compiler DATA_DIR OUT.cpp");
  const std::string dir = argv[1];
  const std::string out_path = argv[2];

  // The manifest.
  auto manifest = numresp::io::read_csv_file(dir + "/sets.csv");
  if (!manifest.ok()) return fail(std::string(manifest.status().message()));
  const int c_set = manifest->column("set");
  const int c_file = manifest->column("file");
  const int c_default = manifest->column("default");
  const int c_description = manifest->column("description");
  if (c_set < 0 || c_file < 0 || c_default < 0 || c_description < 0) {
    return fail(dir + "/sets.csv: the header must have the columns set, file, default, description");
  }
  std::vector<set_spec> sets;
  for (const auto& row : manifest->rows) {
    const std::string origin = absl::StrCat(dir, "/sets.csv:", row.line);
    const std::string& name = row.fields[static_cast<std::size_t>(c_set)];
    const std::string& flag = row.fields[static_cast<std::size_t>(c_default)];
    if (name.empty()) return fail(origin + ": field 'set' is empty");
    if (flag != "" && flag != "yes" && flag != "no") {
      return fail(origin + ": field 'default' = \"" + flag + "\": must be yes, no or empty");
    }
    set_spec* spec = nullptr;
    for (auto& s : sets) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr) {
      sets.push_back(set_spec{name, {}, false, {}});
      spec = &sets.back();
    }
    if (!row.fields[static_cast<std::size_t>(c_description)].empty()) {
      spec->description = row.fields[static_cast<std::size_t>(c_description)];
    }
    spec->is_default = spec->is_default || flag == "yes";
    spec->files.push_back(row.fields[static_cast<std::size_t>(c_file)]);
  }
  int defaults = 0;
  for (const auto& s : sets) {
    defaults += s.is_default ? 1 : 0;
    if (s.description.empty()) return fail(dir + "/sets.csv: set " + s.name + " has no description");
  }
  if (defaults != 1) return fail(dir + "/sets.csv: exactly one set must have default = yes");

  // The tables, validated row by row.
  std::map<std::string, std::vector<table_row>> rows_by_set;
  std::size_t total = 0;
  for (const auto& s : sets) {
    std::map<std::string, std::string> seen;  // id → origin
    for (const auto& file : s.files) {
      const std::string path = dir + "/" + file;
      auto table = numresp::io::read_csv_file(path);
      if (!table.ok()) return fail(std::string(table.status().message()));
      const std::vector<std::string> expected(numresp::factors::table_columns.begin(),
                                              numresp::factors::table_columns.end());
      if (table->header != expected) {
        return fail(path +
                    ":1: the header must be exactly: id,value,low,high,unit,source,source_url,year,region,"
                    "licence,notes");
      }
      if (table->rows.empty()) return fail(path + ": no rows");
      for (const auto& row : table->rows) {
        const std::string origin = absl::StrCat("data/factors/", file, ":", row.line);
        auto f = numresp::factors::make_factor(row.fields, origin);
        if (!f.ok()) return fail(std::string(f.status().message()));
        if (auto [it, inserted] = seen.emplace(f->id, origin); !inserted) {
          return fail(origin + ": field 'id' = \"" + f->id + "\": already defined in set " + s.name + " at " +
                      it->second);
        }
        rows_by_set[s.name].push_back(table_row{row.fields, origin});
        ++total;
      }
    }
  }

  // The generated source.
  std::string code =
      "// Generated by numresp_factor_compiler from data/factors/*.csv. Do not edit.\n"
      "#include \"builtin_data.hpp\"\n\nnamespace numresp::factors::detail {\nnamespace {\n\n";
  for (std::size_t s = 0; s < sets.size(); ++s) {
    absl::StrAppend(&code, "// set ", sets[s].name, "\nconst raw_factor set_", s, "[] = {\n");
    for (const auto& row : rows_by_set[sets[s].name]) {
      code += "    {{";
      for (std::size_t i = 0; i < row.fields.size(); ++i) {
        if (i > 0) code += ", ";
        code += literal(row.fields[i]);
      }
      absl::StrAppend(&code, "}, ", literal(row.origin), "},\n");
    }
    code += "};\n\n";
  }
  code += "}  // namespace\n\nconst raw_set builtin_sets[] = {\n";
  for (std::size_t s = 0; s < sets.size(); ++s) {
    absl::StrAppend(&code, "    {", literal(sets[s].name), ", ", literal(sets[s].description), ", ",
                    sets[s].is_default ? "true" : "false", ", set_", s, ", sizeof set_", s, " / sizeof set_", s,
                    "[0]},\n");
  }
  absl::StrAppend(&code, "};\n\nconst std::size_t builtin_set_count = ", sets.size(),
                  ";\n\n}  // namespace numresp::factors::detail\n");

  // Write only when the content changes, so that an unchanged table does not rebuild.
  std::string previous;
  if (std::ifstream in(out_path, std::ios::binary); in) {
    previous.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (previous != code) {
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    out << code;
    if (!out) return fail("cannot write " + out_path);
  }
  std::printf("numresp_factor_compiler: %zu sets, %zu factors\n", sets.size(), total);
  return 0;
}
