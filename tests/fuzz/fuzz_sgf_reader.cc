// Fuzz target for the SGF reader. Properties checked on every input:
// - ParseSgf never crashes; an error names a line and a column;
// - a parsed collection is never empty and no record has an empty main line;
// - WriteSgf of each record parses back to the same record, alone and as a
//   whole collection;
// - ReplayGame of each record with the rules it names succeeds and leaves a
//   consistent board.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/sgf.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool NamesLineAndColumn(const absl::Status& status) {
  const std::string_view message(status.message().data(), status.message().size());
  return message.starts_with("line ") && message.find(", column ") != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<std::vector<tengen::GameRecord>> records = tengen::ParseSgf(text);
  if (!records.ok()) {
    FUZZ_CHECK(records.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(NamesLineAndColumn(records.status()));
    return 0;
  }
  FUZZ_CHECK(!records->empty());
  std::string collection;
  for (const tengen::GameRecord& record : *records) {
    FUZZ_CHECK(!record.nodes.empty());
    const std::string written = tengen::WriteSgf(record);
    const absl::StatusOr<std::vector<tengen::GameRecord>> again = tengen::ParseSgf(written);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->size() == 1);
    FUZZ_CHECK(again->front() == record);
    collection += written;

    const absl::StatusOr<tengen::ReplayResult> replay =
        tengen::ReplayGame(record, tengen::RulesOfRecord(record));
    FUZZ_CHECK(replay.ok());
    FUZZ_CHECK(replay->game.size() == record.size);
    FUZZ_CHECK(replay->game.board().CheckConsistency().ok());
  }
  const absl::StatusOr<std::vector<tengen::GameRecord>> all = tengen::ParseSgf(collection);
  FUZZ_CHECK(all.ok());
  FUZZ_CHECK(*all == *records);
  return 0;
}
