// NumPy .npz archives: a ZIP file of .npy arrays, deflate-compressed, each
// member with its own CRC-32. Python reads them with numpy alone
// (numpy.load), and zipfile checks the checksums. Only what training data
// needs is supported: C-order arrays of little-endian uint8, int8, int16,
// int32 and float32, files under 4 GiB.
#ifndef TENGEN_TRAIN_NPZ_H_
#define TENGEN_TRAIN_NPZ_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tengen {

enum class NpyType { kUint8, kInt8, kInt16, kInt32, kFloat32 };

// "|u1", "|i1", "<i2", "<i4", "<f4".
std::string_view NpyDescr(NpyType type);
int NpyItemSize(NpyType type);

struct NpyArray {
  std::string name;  // member name without ".npy"
  NpyType type = NpyType::kUint8;
  std::vector<int64_t> shape;  // empty for a scalar
  std::string data;            // raw little-endian bytes, C order

  int64_t NumElements() const;
  // Typed views; the type must match (checked).
  template <typename T>
  std::span<const T> As() const {
    return {reinterpret_cast<const T*>(data.data()), data.size() / sizeof(T)};
  }
};

// Builds an array from typed values; values.size() must equal the product
// of the shape.
template <typename T>
NpyArray MakeNpyArray(std::string name, NpyType type, std::vector<int64_t> shape,
                      std::span<const T> values) {
  NpyArray array{std::move(name), type, std::move(shape),
                 std::string(reinterpret_cast<const char*>(values.data()), values.size_bytes())};
  return array;
}

// The bytes of an .npz file holding the arrays, in order.
absl::StatusOr<std::string> EncodeNpz(std::span<const NpyArray> arrays);

// Parses .npz bytes, checking every member's CRC-32 and size and every
// .npy header; errors say which member and what is wrong.
absl::StatusOr<std::vector<NpyArray>> DecodeNpz(std::string_view bytes);

}  // namespace tengen

#endif  // TENGEN_TRAIN_NPZ_H_
