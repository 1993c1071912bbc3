#include "policy/torch_errors.h"

#include <cstring>

namespace tengen {

std::string FirstLineOf(const char* message) {
  const char* end = std::strchr(message, '\n');
  return end == nullptr ? std::string(message) : std::string(message, end - message);
}

}  // namespace tengen
