// An input stream buffer over a file descriptor, such as the read end of a
// pipe: it reads one byte at a time and blocks until input arrives, as stdin
// does, so a test can feed a server commands later, while it works.
#ifndef TENGEN_TESTS_SUPPORT_FD_STREAM_H_
#define TENGEN_TESTS_SUPPORT_FD_STREAM_H_

#include <unistd.h>

#include <streambuf>

namespace tengen {

class FdStreamBuf : public std::streambuf {
 public:
  // Does not own fd: the caller closes it after the stream is done.
  explicit FdStreamBuf(int fd) : fd_(fd) {}

 protected:
  int_type underflow() override {
    if (::read(fd_, &byte_, 1) != 1) return traits_type::eof();
    setg(&byte_, &byte_, &byte_ + 1);
    return traits_type::to_int_type(byte_);
  }

 private:
  int fd_;
  char byte_ = 0;
};

}  // namespace tengen

#endif  // TENGEN_TESTS_SUPPORT_FD_STREAM_H_
