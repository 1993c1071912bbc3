// Model files: round trips, damaged files, metadata, cloning, TorchScript.
#include "policy/model.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/atomic_file.h"
#include "gtest/gtest.h"
#include "policy/evaluator.h"
#include "policy/features.h"
#include "policy/model_internal.h"
#include "tests/policy/policy_test_util.h"
#include "tests/support/temp_dir.h"

namespace tengen {
namespace {

namespace fs = std::filesystem;

class ModelFileTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) const { return dir_.Path(name); }

  static std::string Read(const std::string& path) { return *ReadFileToString(path); }
  static void Write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  static std::string LoadError(const std::string& path) {
    absl::StatusOr<Model> model = Model::Load(path);
    EXPECT_FALSE(model.ok());
    return model.ok() ? "" : std::string(model.status().message());
  }

  TempDir dir_{"model_test"};
};

Evaluation EvaluationOf(const Model& model, const GameState& game) {
  auto evaluator = CreateNetworkEvaluator(model, EvaluatorOptions{.symmetry = SymmetryMode::kNone});
  EXPECT_TRUE(evaluator.ok());
  const GameState* state = &game;
  return (*(*evaluator)->EvaluateBatch({&state, 1}))[0];
}

std::vector<float> PolicyOf(const Model& model, const GameState& game) {
  return EvaluationOf(model, game).policy;
}

TEST_F(ModelFileTest, SaveLoadRoundTripKeepsWeightsAndMetadata) {
  Model model = SmallModel(9, 7);
  model.set_training_step(1234);
  model.set_name("round trip");
  ASSERT_TRUE(model.Save(Path("m.tgm")).ok());
  absl::StatusOr<Model> loaded = Model::Load(Path("m.tgm"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->metadata(), model.metadata());
  const GameState game = RandomGame(9, 15, 1);
  EXPECT_EQ(PolicyOf(*loaded, game), PolicyOf(model, game));
  // Only the file itself is left in the folder: no temporary names.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 1);
}

TEST_F(ModelFileTest, SameSeedSameWeightsDifferentSeedDifferentWeights) {
  const GameState game = RandomGame(9, 15, 1);
  EXPECT_EQ(PolicyOf(SmallModel(9, 5), game), PolicyOf(SmallModel(9, 5), game));
  EXPECT_NE(PolicyOf(SmallModel(9, 5), game), PolicyOf(SmallModel(9, 6), game));
}

// tests/data/model/format_v1_5x5.tgm was written by `tengen model init
// --size 5 --blocks 1 --channels 8 --seed 3` before model and checkpoint
// files shared policy/file_header.h: it still loads, and writing the model
// again gives the same bytes.
TEST_F(ModelFileTest, AFileWrittenBeforeTheSharedHeaderCodecLoadsAndRoundTripsByteForByte) {
  const std::string path = TENGEN_TEST_SOURCE_DIR "/data/model/format_v1_5x5.tgm";
  absl::StatusOr<Model> model = Model::Load(path);
  ASSERT_TRUE(model.ok()) << model.status();
  const ModelMetadata& m = model->metadata();
  EXPECT_EQ(m.config.Describe(), "1x8 for 5x5, dropout 0");
  EXPECT_EQ(m.name, "written before the header codec");
  EXPECT_EQ(m.created, "2026-12-02T00:41:35Z");
  EXPECT_EQ(m.training_step, 0);
  // Its metadata has no "aux_heads" key: it has no auxiliary heads, and is
  // written again without the key.
  EXPECT_FALSE(m.config.aux_heads);
  EXPECT_TRUE(NetworkOf(*model)->ownership_out.is_empty());
  EXPECT_FALSE(EvaluationOf(*model, RandomGame(5, 6, 2)).has_aux());
  const std::string old_bytes = Read(path);
  ASSERT_EQ(old_bytes.find("aux_heads"), std::string::npos);
  absl::StatusOr<std::string> bytes = model->ToBytes();
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  // Line by line for a readable failure, then the weights.
  std::string_view old_rest = old_bytes, new_rest = *bytes;
  for (std::string_view line : {"format version", "metadata", "payload"}) {
    const size_t old_end = old_rest.find('\n'), new_end = new_rest.find('\n');
    EXPECT_EQ(new_rest.substr(0, new_end), old_rest.substr(0, old_end))
        << "the " << line << " line";
    old_rest.remove_prefix(old_end + 1);
    new_rest.remove_prefix(new_end + 1);
  }
  EXPECT_TRUE(new_rest == old_rest) << "the weights differ";
  // The same weights as a fresh model from the same seed.
  absl::StatusOr<Model> fresh = Model::CreateRandom(
      NetworkConfig{.board_size = 5, .blocks = 1, .channels = 8, .aux_heads = false}, 3);
  ASSERT_TRUE(fresh.ok());
  const GameState game = RandomGame(5, 6, 2);
  EXPECT_EQ(PolicyOf(*model, game), PolicyOf(*fresh, game));
  absl::StatusOr<Model> from_bytes = Model::FromBytes(old_bytes, "old");
  ASSERT_TRUE(from_bytes.ok()) << from_bytes.status();
  EXPECT_FALSE(from_bytes->metadata().config.aux_heads);
}

// Adds 0.5 to the auxiliary heads' weights, so that freshly initialised
// heads (of any seed) would not give the same outputs.
void ShiftAuxHeads(const Model& model) {
  torch::NoGradGuard no_grad;
  PolicyValueNet& network = NetworkOf(model);
  network->ownership_out->weight.add_(0.5);
  network->ownership_out->bias.add_(0.5);
  network->score_fc->weight.add_(0.5);
  network->score_fc->bias.add_(0.5);
}

TEST_F(ModelFileTest, SaveLoadRoundTripKeepsTheAuxHeadsAndTheirWeights) {
  Model model = SmallModel(9, 7);
  ASSERT_TRUE(model.metadata().config.aux_heads);
  ShiftAuxHeads(model);
  ASSERT_TRUE(model.Save(Path("m.tgm")).ok());
  EXPECT_NE(Read(Path("m.tgm")).find("\"aux_heads\":true"), std::string::npos);
  absl::StatusOr<Model> loaded = Model::Load(Path("m.tgm"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(loaded->metadata().config.aux_heads);
  EXPECT_EQ(loaded->metadata(), model.metadata());
  for (int g = 0; g < 3; ++g) {
    const GameState game = RandomGame(9, 7 + 11 * g, 5 + g);
    const Evaluation before = EvaluationOf(model, game);
    const Evaluation after = EvaluationOf(*loaded, game);
    ASSERT_TRUE(after.has_aux());
    EXPECT_EQ(after.ownership, before.ownership);
    EXPECT_EQ(after.score, before.score);
    EXPECT_EQ(after.policy, before.policy);
    EXPECT_EQ(after.value, before.value);
    // The shifted weights were saved: the unshifted heads differ.
    EXPECT_NE(EvaluationOf(SmallModel(9, 7), game).ownership, after.ownership);
  }
  // FromBytes (checkpoints) too.
  absl::StatusOr<std::string> bytes = model.ToBytes();
  ASSERT_TRUE(bytes.ok());
  absl::StatusOr<Model> from_bytes = Model::FromBytes(*bytes, "bytes");
  ASSERT_TRUE(from_bytes.ok()) << from_bytes.status();
  const GameState game = RandomGame(9, 12, 3);
  EXPECT_EQ(EvaluationOf(*from_bytes, game).ownership, EvaluationOf(model, game).ownership);
  EXPECT_EQ(EvaluationOf(*from_bytes, game).score, EvaluationOf(model, game).score);
}

TEST_F(ModelFileTest, AModelWithoutAuxHeadsRoundTripsWithout) {
  Model model = SmallModelWithoutAuxHeads(9, 7);
  ASSERT_FALSE(model.metadata().config.aux_heads);
  ASSERT_TRUE(model.Save(Path("m.tgm")).ok());
  // Written as before the heads existed: no key.
  EXPECT_EQ(Read(Path("m.tgm")).find("aux_heads"), std::string::npos);
  absl::StatusOr<Model> loaded = Model::Load(Path("m.tgm"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_FALSE(loaded->metadata().config.aux_heads);
  EXPECT_EQ(loaded->metadata(), model.metadata());
  EXPECT_TRUE(NetworkOf(*loaded)->ownership_out.is_empty());
  EXPECT_TRUE(NetworkOf(*loaded)->score_fc.is_empty());
  const GameState game = RandomGame(9, 15, 1);
  const Evaluation e = EvaluationOf(*loaded, game);
  EXPECT_FALSE(e.has_aux());
  EXPECT_EQ(e.policy, PolicyOf(model, game));
}

TEST_F(ModelFileTest, MetadataWithoutTheAuxHeadsKeyReadsAsNoHeads) {
  ModelMetadata with;
  with.config.board_size = 9;
  with.created = "2026-01-01T00:00:00Z";
  ASSERT_TRUE(with.config.aux_heads) << "the default";
  const std::string json = MetadataToJson(with);
  const size_t key = json.find(",\"aux_heads\":true");
  ASSERT_NE(key, std::string::npos) << json;
  absl::StatusOr<ModelMetadata> parsed = MetadataFromJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, with);
  // Older files' metadata: the same JSON without the key.
  std::string old_json = json;
  old_json.erase(key, std::string(",\"aux_heads\":true").size());
  absl::StatusOr<ModelMetadata> old = MetadataFromJson(old_json);
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_FALSE(old->config.aux_heads);
  ModelMetadata without = with;
  without.config.aux_heads = false;
  EXPECT_EQ(*old, without);
  EXPECT_EQ(MetadataToJson(without), old_json);
  // An explicit false reads as false; a key that is not a boolean is an error.
  std::string explicit_false = json;
  explicit_false.replace(key, std::string(",\"aux_heads\":true").size(), ",\"aux_heads\":false");
  ASSERT_TRUE(MetadataFromJson(explicit_false).ok());
  EXPECT_FALSE(MetadataFromJson(explicit_false)->config.aux_heads);
  std::string not_bool = json;
  not_bool.replace(key, std::string(",\"aux_heads\":true").size(), ",\"aux_heads\":1");
  EXPECT_FALSE(MetadataFromJson(not_bool).ok());
}

TEST_F(ModelFileTest, MetadataClaimingAuxHeadsTheWeightsLackIsAnError) {
  ASSERT_TRUE(SmallModelWithoutAuxHeads(9, 1).Save(Path("m.tgm")).ok());
  std::string bytes = Read(Path("m.tgm"));
  bytes.replace(bytes.find("\"feature_set\""), 0, "\"aux_heads\":true,");
  Write(Path("claims.tgm"), bytes);
  const std::string error = LoadError(Path("claims.tgm"));
  // LibTorch's own words name the missing head.
  EXPECT_NE(error.find("ownership_out"), std::string::npos) << error;
  EXPECT_NE(error.find("claims.tgm"), std::string::npos) << error;
}

TEST(NetworkConfigTest, TheAuxHeadsCostFlops) {
  NetworkConfig with;
  NetworkConfig without;
  without.aux_heads = false;
  EXPECT_GT(with.FlopsPerEvaluation(), without.FlopsPerEvaluation());
  const double area = with.board_size * with.board_size;
  EXPECT_DOUBLE_EQ(with.FlopsPerEvaluation() - without.FlopsPerEvaluation(),
                   2.0 * (with.value_channels * area + with.value_hidden));
  EXPECT_EQ(with.Describe(), without.Describe());
}

TEST_F(ModelFileTest, DamagedFilesGiveErrorsThatSayWhat) {
  ASSERT_TRUE(SmallModel().Save(Path("good.tgm")).ok());
  const std::string good = Read(Path("good.tgm"));

  Write(Path("truncated.tgm"), good.substr(0, good.size() - 100));
  EXPECT_NE(LoadError(Path("truncated.tgm")).find("truncated"), std::string::npos);

  std::string corrupted = good;
  corrupted[corrupted.size() - 500] ^= 0x55;
  Write(Path("corrupted.tgm"), corrupted);
  EXPECT_NE(LoadError(Path("corrupted.tgm")).find("corrupted"), std::string::npos);

  Write(Path("trailing.tgm"), good + "extra");
  EXPECT_NE(LoadError(Path("trailing.tgm")).find("trailing"), std::string::npos);

  Write(Path("text.tgm"), "hello world\n");
  EXPECT_NE(LoadError(Path("text.tgm")).find("not a Tengen model"), std::string::npos);

  Write(Path("empty.tgm"), "");
  EXPECT_NE(LoadError(Path("empty.tgm")).find("not a Tengen model"), std::string::npos);

  Write(Path("header_only.tgm"), good.substr(0, good.find('\n') + 5));
  EXPECT_NE(LoadError(Path("header_only.tgm")).find("truncated"), std::string::npos);

  std::string newer = good;
  newer.replace(0, newer.find('\n'), "tengen-model 99");
  Write(Path("newer.tgm"), newer);
  EXPECT_NE(LoadError(Path("newer.tgm")).find("version 99"), std::string::npos);

  std::string bad_json = good;
  bad_json.replace(bad_json.find("\"blocks\":2"), 10, "\"blocks\":x");
  Write(Path("bad_json.tgm"), bad_json);
  EXPECT_NE(LoadError(Path("bad_json.tgm")).find("metadata"), std::string::npos);

  std::string bad_range = good;
  bad_range.replace(bad_range.find("\"board_size\":9"), 14, "\"board_size\":0");
  Write(Path("bad_range.tgm"), bad_range);
  EXPECT_NE(LoadError(Path("bad_range.tgm")).find("board size"), std::string::npos);

  EXPECT_NE(LoadError(Path("missing.tgm")).find("missing.tgm"), std::string::npos);
}

TEST_F(ModelFileTest, MetadataThatDoesNotMatchTheWeightsIsAnError) {
  ASSERT_TRUE(SmallModel(9, 1, 2, 16).Save(Path("m.tgm")).ok());
  std::string bytes = Read(Path("m.tgm"));
  bytes.replace(bytes.find("\"channels\":16"), 13, "\"channels\":32");
  Write(Path("mismatch.tgm"), bytes);
  const std::string error = LoadError(Path("mismatch.tgm"));
  EXPECT_NE(error.find("do not match the metadata"), std::string::npos) << error;

  bytes = Read(Path("m.tgm"));
  bytes.replace(bytes.find("\"feature_set\":1"), 15, "\"feature_set\":7");
  Write(Path("features.tgm"), bytes);
  EXPECT_NE(LoadError(Path("features.tgm")).find("feature set"), std::string::npos);
}

// Peak resident memory of this process so far, in MB.
double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// A file of `size` bytes that starts with `head` and is a hole after it
// (costs no disk).
void WriteSparse(const std::string& path, const std::string& head, off_t size) {
  const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, head.data(), head.size()), static_cast<ssize_t>(head.size()));
  ASSERT_EQ(::ftruncate(fd, size), 0);
  ::close(fd);
}

TEST_F(ModelFileTest, HugeAndEndlessFilesAreRejectedFromTheHeaderAlone) {
  ASSERT_TRUE(SmallModel().Save(Path("good.tgm")).ok());
  const std::string good = Read(Path("good.tgm"));
  const double rss_before = PeakRssMb();
  const auto start = std::chrono::steady_clock::now();
  // 2 GB of not-a-model, and 2 GB after a valid header (its payload line
  // declares the small network's size, the file holds far more).
  WriteSparse(Path("junk.tgm"), "PK\x03\x04 not a model", 2'000'000'000);
  EXPECT_NE(LoadError(Path("junk.tgm")).find("not a Tengen model file"), std::string::npos);
  WriteSparse(Path("big.tgm"), good.substr(0, good.find('\n', good.find("payload")) + 1),
              2'000'000'000);
  const std::string big = LoadError(Path("big.tgm"));
  EXPECT_NE(big.find("has trailing bytes"), std::string::npos) << big;
  if (fs::exists("/dev/zero")) {
    const std::string zero = LoadError("/dev/zero");
    EXPECT_NE(zero.find("/dev/zero: not a Tengen model file"), std::string::npos) << zero;
  }
  // Endless, but with a model's header: the bounded metadata read stops it.
  // (The writer sees the reader close early: no SIGPIPE for that.)
  std::signal(SIGPIPE, SIG_IGN);
  const std::string fifo = Path("fifo.tgm");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << "tengen-model 1\n{";
    const std::string chunk(1 << 16, ' ');
    for (int i = 0; i < 64 && out; ++i) out << chunk;  // 4 MiB: more than the limit
  });
  const std::string endless = LoadError(fifo);
  writer.join();
  EXPECT_NE(endless.find("metadata line is longer than 65536 bytes"), std::string::npos) << endless;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 3.0);
  EXPECT_LT(PeakRssMb() - rss_before, 200.0);
}

TEST_F(ModelFileTest, MetadataPromisingABiggerNetworkThanThePayloadIsRejectedBeforeBuilding) {
  ASSERT_TRUE(SmallModel(9, 1, 2, 16).Save(Path("m.tgm")).ok());
  std::string bytes = Read(Path("m.tgm"));
  // The payload and its checksum stay valid; only the metadata lies.
  bytes.replace(bytes.find("\"blocks\":2"), 10, "\"blocks\":64");
  bytes.replace(bytes.find("\"channels\":16"), 13, "\"channels\":1024");
  Write(Path("liar.tgm"), bytes);
  const double rss_before = PeakRssMb();
  const std::string error = LoadError(Path("liar.tgm"));
  EXPECT_NE(error.find("the weights do not match the metadata: its 64x1024 for 9x9"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("4.83 GB"), std::string::npos) << error;
  EXPECT_LT(PeakRssMb() - rss_before, 200.0);
  // The same through FromBytes (checkpoints use it).
  absl::StatusOr<Model> from_bytes = Model::FromBytes(bytes, "checkpoint");
  ASSERT_FALSE(from_bytes.ok());
  EXPECT_NE(from_bytes.status().message().find("checkpoint: the weights do not match"),
            std::string::npos);
}

TEST_F(ModelFileTest, WeightBytesIsWhatTheNetworkStoresAndAPayloadHoldsAtLeastThat) {
  for (const auto& [blocks, channels] : {std::pair{1, 8}, {2, 16}, {3, 24}})
    for (bool aux_heads : {true, false}) {
      SCOPED_TRACE(testing::Message() << blocks << "x" << channels << " aux " << aux_heads);
      Model model = SmallModel(9, 1, blocks, channels, aux_heads);
      EXPECT_EQ(NetworkOf(model)->ownership_out.is_empty(), !aux_heads);
      uint64_t bytes = 0;
      for (const torch::Tensor& p : NetworkOf(model)->parameters()) bytes += p.nbytes();
      for (const torch::Tensor& b : NetworkOf(model)->buffers()) bytes += b.nbytes();
      EXPECT_EQ(WeightBytes(model.metadata().config), bytes);
      absl::StatusOr<std::string> file = model.ToBytes();
      ASSERT_TRUE(file.ok());
      const size_t payload_line = file->find("payload ");
      const uint64_t payload = std::stoull(file->substr(payload_line + 8));
      EXPECT_GE(payload, bytes);
      EXPECT_LE(payload, bytes + (1 << 20));
    }
  // The heads: a 1x1 convolution with bias and a dense layer to one unit.
  NetworkConfig with, without;
  without.aux_heads = false;
  EXPECT_EQ(WeightBytes(with) - WeightBytes(without),
            static_cast<uint64_t>(((with.value_channels + 1) + (with.value_hidden + 1)) * 4));
}

TEST_F(ModelFileTest, MisleadingInputsGetMessagesThatSayWhatIsWrong) {
  fs::create_directories(Path("folder.tgm"));
  const std::string folder = LoadError(Path("folder.tgm"));
  EXPECT_NE(folder.find("is a folder, not a model file"), std::string::npos) << folder;

  ASSERT_TRUE(SmallModel().Save(Path("good.tgm")).ok());
  const std::string good = Read(Path("good.tgm"));
  std::string overflow = good;
  overflow.replace(0, overflow.find('\n'), "tengen-model 99999999999999");
  Write(Path("overflow.tgm"), overflow);
  const std::string version = LoadError(Path("overflow.tgm"));
  EXPECT_NE(version.find("format version 99999999999999, but this Tengen reads version 1"),
            std::string::npos)
      << version;

  std::string huge = good;
  const size_t payload = huge.find("payload ") + 8;
  huge.replace(payload, huge.find(' ', payload) - payload, "99999999999999999999");
  Write(Path("huge.tgm"), huge);
  const std::string declared = LoadError(Path("huge.tgm"));
  EXPECT_NE(declared.find("declares 99999999999999999999 bytes of weights"), std::string::npos)
      << declared;
  EXPECT_EQ(declared.find("18446744073709551615"), std::string::npos) << declared;

  std::string negative = good;
  negative.replace(payload, negative.find(' ', payload) - payload, "-5");
  Write(Path("negative.tgm"), negative);
  EXPECT_NE(LoadError(Path("negative.tgm")).find("no payload line"), std::string::npos);

  std::string wrapped = good;
  wrapped.replace(wrapped.find("\"blocks\":2"), 10, "\"blocks\":4294967298");
  Write(Path("wrapped.tgm"), wrapped);
  const std::string blocks = LoadError(Path("wrapped.tgm"));
  EXPECT_NE(blocks.find("blocks is 4294967298, out of range"), std::string::npos) << blocks;
}

TEST_F(ModelFileTest, FailedSaveLeavesTheOldFileAndNoTemporaries) {
  ASSERT_TRUE(SmallModel(9, 1).Save(Path("m.tgm")).ok());
  const std::string before = Read(Path("m.tgm"));
  EXPECT_FALSE(SmallModel(9, 2).Save(Path("no_such_dir/m.tgm")).ok());
  EXPECT_EQ(Read(Path("m.tgm")), before);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 1);
}

TEST_F(ModelFileTest, CloneIsDeep) {
  Model model = SmallModel(9, 8);
  const Model clone = model.Clone();
  const GameState game = RandomGame(9, 10, 2);
  const std::vector<float> before = PolicyOf(clone, game);
  {
    torch::NoGradGuard no_grad;
    for (torch::Tensor& p : NetworkOf(model)->parameters()) p.add_(0.5);
  }
  EXPECT_EQ(PolicyOf(clone, game), before);
  EXPECT_NE(PolicyOf(model, game), before);
}

// Exports `model` (named "export"), dumps 4 positions' planes and the
// module's eval-mode outputs (ownership.f32 and score.f32 only when the
// network has the auxiliary heads) and runs torchscript_check.py on them;
// returns its exit status.
int ExportAndCheckInPython(Model& model, const std::string& dir) {
  model.set_name("export");
  const std::string ts = dir + "/m.ts";
  EXPECT_TRUE(model.ExportTorchScript(ts).ok());
  // Inputs and Tengen's outputs as raw float32 files for the Python side.
  std::vector<GameState> games;
  for (int i = 0; i < 4; ++i) games.push_back(RandomGame(9, 8 * i, i));
  torch::Tensor planes = torch::empty({4, kNumFeaturePlanes, 9, 9});
  for (int i = 0; i < 4; ++i)
    EncodeFeatures(games[i], 0, std::span<float>(planes[i].data_ptr<float>(), NumFeatureValues(9)));
  PolicyValueNet network = NetworkOf(model);
  network->eval();
  torch::NoGradGuard no_grad;
  const PolicyValueOutput expected = network->forward(planes);
  auto dump = [&](const std::string& name, const torch::Tensor& t) {
    const torch::Tensor c = t.contiguous();
    std::ofstream(dir + "/" + name, std::ios::binary)
        << std::string(reinterpret_cast<const char*>(c.data_ptr<float>()), c.numel() * 4);
  };
  dump("planes.f32", planes);
  dump("logits.f32", expected.policy_logits);
  dump("value.f32", expected.value);
  fs::remove(dir + "/ownership.f32");
  fs::remove(dir + "/score.f32");
  EXPECT_EQ(expected.ownership.defined(), model.metadata().config.aux_heads);
  if (expected.ownership.defined()) {
    dump("ownership.f32", expected.ownership);
    dump("score.f32", expected.score);
  }
  const std::string command = "/usr/bin/python3 " TENGEN_TEST_SOURCE_DIR
                              "/policy/torchscript_check.py " +
                              ts + " " + dir + " 4 9";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(ModelFileTest, TorchScriptExportGivesTheSameOutputsInPython) {
  Model model = SmallModel(9, 11, 3, 24);
  ASSERT_TRUE(model.metadata().config.aux_heads);
  // (logits, value, ownership, score), all four compared.
  EXPECT_EQ(ExportAndCheckInPython(model, dir_.path()), 0);
  // The check fails when Tengen's ownership differs...
  std::string ownership = Read(Path("ownership.f32"));
  std::string wrong = ownership;
  reinterpret_cast<float*>(wrong.data())[17] += 0.01f;
  Write(Path("ownership.f32"), wrong);
  const std::string check = "/usr/bin/python3 " TENGEN_TEST_SOURCE_DIR
                            "/policy/torchscript_check.py " +
                            Path("m.ts") + " " + dir_.path() + " 4 9 > /dev/null";
  EXPECT_NE(std::system(check.c_str()), 0) << "a wrong ownership is noticed";
  Write(Path("ownership.f32"), ownership);
  std::string score = Read(Path("score.f32"));
  std::string wrong_score = score;
  reinterpret_cast<float*>(wrong_score.data())[2] += 0.5f;
  Write(Path("score.f32"), wrong_score);
  EXPECT_NE(std::system(check.c_str()), 0) << "a wrong score is noticed";
  Write(Path("score.f32"), score);
  EXPECT_EQ(std::system(check.c_str()), 0);
  // ...and when the module has more outputs than the files expect.
  fs::remove(Path("ownership.f32"));
  fs::remove(Path("score.f32"));
  EXPECT_NE(std::system(check.c_str()), 0) << "4 outputs where 2 were expected";
}

TEST_F(ModelFileTest, TorchScriptExportWithoutAuxHeadsHasTheTwoOutputs) {
  Model model = SmallModelWithoutAuxHeads(9, 11, 3, 24);
  // (logits, value) only: the script checks the module returns two.
  EXPECT_EQ(ExportAndCheckInPython(model, dir_.path()), 0);
  EXPECT_FALSE(fs::exists(Path("ownership.f32")));
  // Expecting ownership and score from it fails.
  Write(Path("ownership.f32"), std::string(4 * 81 * 4, '\0'));
  Write(Path("score.f32"), std::string(4 * 4, '\0'));
  const std::string check = "/usr/bin/python3 " TENGEN_TEST_SOURCE_DIR
                            "/policy/torchscript_check.py " +
                            Path("m.ts") + " " + dir_.path() + " 4 9 > /dev/null";
  EXPECT_NE(std::system(check.c_str()), 0) << "2 outputs where 4 were expected";
}

}  // namespace
}  // namespace tengen
