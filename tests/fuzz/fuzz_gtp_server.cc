// Fuzz target for the GTP server's line handler (GtpServer::HandleLine) over
// the fake evaluator, so it needs no LibTorch. The input is a session, one
// command a line. For every line: nothing crashes; a line that is empty
// after cleaning gets no reply; every other line gets exactly one
// well-formed reply carrying its id, with no empty line inside; and the
// session ends exactly at "quit".
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "gtp/gtp_protocol.h"
#include "gtp/gtp_server.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/gtp/reply_check.h"
#include "tests/support/fake_evaluators.h"

namespace {

// Keeps each input quick: a session of at most this many lines.
constexpr int kMaxLines = 48;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tengen;
  GtpEngineOptions options;  // the defaults of `tengen gtp`: argmax, average of 8
  options.board_size = 9;
  options.decision.dead_stones.playouts = 8;
  options.visits = 8;  // the search is exercised, at a cost fuzzing can afford
  GtpEngine engine(std::make_unique<FakeEvaluator>(), options);
  std::istringstream unused_input;
  std::ostringstream out;
  GtpServer server(engine, unused_input, out);

  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (int line_number = 0; line_number < kMaxLines && !text.empty(); ++line_number) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);

    const size_t before = out.str().size();
    const bool go_on = server.HandleLine(line);
    const std::string reply = out.str().substr(before);
    const std::string cleaned = CleanGtpLine(line);
    if (cleaned.empty()) {
      FUZZ_CHECK(reply.empty());
      FUZZ_CHECK(go_on);
      continue;
    }
    const GtpCommand command = ParseGtpCommand(cleaned);
    std::string error;
    const std::optional<std::vector<GtpReply>> replies = SplitGtpReplies(reply, &error);
    if (!replies) std::fprintf(stderr, "%s\n", error.c_str());
    FUZZ_CHECK(replies.has_value());
    FUZZ_CHECK(replies->size() == 1);
    FUZZ_CHECK((*replies)[0].id == command.id);
    FUZZ_CHECK(go_on == (command.name != "quit"));
    if (!go_on) break;
  }
  return 0;
}
