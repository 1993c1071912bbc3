// Checks the GTP framing of everything a server wrote, for the tests and the
// fuzz target: a sequence of replies "=id ..." or "?id ...", each ending
// with an empty line and holding no empty (or all-space) line inside.
#ifndef TENGEN_TESTS_GTP_REPLY_CHECK_H_
#define TENGEN_TESTS_GTP_REPLY_CHECK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tengen {

struct GtpReply {
  bool success = false;
  std::string id;    // digits, or empty
  std::string body;  // everything after "=id" / "?id" up to the final line end
};

// The replies in `output`, or nullopt (and *error says why) if the framing
// is broken anywhere.
inline std::optional<std::vector<GtpReply>> SplitGtpReplies(std::string_view output,
                                                            std::string* error) {
  std::vector<GtpReply> replies;
  auto fail = [&](std::string why) -> std::optional<std::vector<GtpReply>> {
    if (error != nullptr) *error = why + " (reply " + std::to_string(replies.size() + 1) + ")";
    return std::nullopt;
  };
  while (!output.empty()) {
    const size_t end = output.find("\n\n");
    if (end == std::string_view::npos) return fail("output does not end with an empty line");
    const std::string_view reply = output.substr(0, end);
    output.remove_prefix(end + 2);
    if (reply.empty() || (reply[0] != '=' && reply[0] != '?'))
      return fail("a reply starts with neither '=' nor '?'");
    GtpReply parsed{.success = reply[0] == '='};
    size_t i = 1;
    while (i < reply.size() && reply[i] >= '0' && reply[i] <= '9') parsed.id += reply[i++];
    if (i < reply.size() && reply[i] != ' ' && reply[i] != '\n')
      return fail("the id is not followed by a space or a line end");
    parsed.body = std::string(reply.substr(i));
    size_t line_start = 0;
    for (size_t k = 0; k <= reply.size(); ++k) {
      if (k < reply.size() && reply[k] != '\n') continue;
      const std::string_view line = reply.substr(line_start, k - line_start);
      if (line.find_first_not_of(' ') == std::string_view::npos)
        return fail("a line inside a reply is blank");
      if (line.find('\r') != std::string_view::npos) return fail("a reply holds a carriage return");
      line_start = k + 1;
    }
    replies.push_back(std::move(parsed));
  }
  return replies;
}

}  // namespace tengen

#endif  // TENGEN_TESTS_GTP_REPLY_CHECK_H_
