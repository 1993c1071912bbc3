// The fast inference path against the plain LibTorch module.
#include "policy/inference_net.h"

#include "gtest/gtest.h"
#include "policy/features.h"
#include "policy/model_internal.h"
#include "policy/nn_benchmark.h"
#include "tests/policy/policy_test_util.h"

namespace tengen {
namespace {

torch::Tensor PlanesOf(const std::vector<GameState>& games) {
  const int n = games[0].size();
  torch::Tensor planes =
      torch::empty({static_cast<int64_t>(games.size()), kNumFeaturePlanes, n, n});
  for (size_t i = 0; i < games.size(); ++i)
    EncodeFeatures(games[i], 0, std::span<float>(planes[i].data_ptr<float>(), NumFeatureValues(n)));
  return planes;
}

// Batch-norm statistics that are not the identity, so folding is tested.
void PerturbBatchNorms(PolicyValueNetImpl& network) {
  torch::NoGradGuard no_grad;
  torch::manual_seed(5);
  for (auto& buffer : network.named_buffers()) {
    if (buffer.key().find("running_mean") != std::string::npos) buffer.value().normal_(0, 0.3);
    if (buffer.key().find("running_var") != std::string::npos) buffer.value().uniform_(0.5, 2.0);
  }
  for (auto& parameter : network.named_parameters())
    if (parameter.key().find("bn") != std::string::npos) parameter.value().uniform_(0.5, 1.5);
}

TEST(InferenceNetTest, OutputShapesAndRanges) {
  const Model model = SmallModel(9);
  auto net = InferenceNet::Create(*NetworkOf(model), Precision::kFloat32, torch::kCPU);
  ASSERT_TRUE(net.ok()) << net.status();
  std::vector<GameState> games;
  for (int i = 0; i < 3; ++i) games.push_back(RandomGame(9, 12, i));
  const PolicyValueOutput out = (*net)->Forward(PlanesOf(games));
  EXPECT_EQ(out.policy_logits.sizes(), (std::vector<int64_t>{3, 82}));
  EXPECT_EQ(out.value.sizes(), (std::vector<int64_t>{3}));
  EXPECT_TRUE(out.value.abs().le(1).all().item<bool>());
  ASSERT_TRUE(out.ownership.defined());
  ASSERT_TRUE(out.score.defined());
  EXPECT_EQ(out.ownership.sizes(), (std::vector<int64_t>{3, 81}));
  EXPECT_EQ(out.score.sizes(), (std::vector<int64_t>{3}));
  EXPECT_EQ(out.ownership.scalar_type(), torch::kFloat32);
  EXPECT_EQ(out.score.scalar_type(), torch::kFloat32);
  EXPECT_TRUE(out.ownership.abs().le(1).all().item<bool>());
}

// Random weights for the auxiliary heads that give ownership spread over
// (-1, 1) and scores of a few points, so the comparisons are not of zeros.
void SpreadAuxHeads(PolicyValueNetImpl& network) {
  torch::NoGradGuard no_grad;
  torch::manual_seed(6);
  network.ownership_out->weight.normal_(0, 0.5);
  network.ownership_out->bias.normal_(0, 0.3);
  network.score_fc->weight.normal_(0, 0.3);
  network.score_fc->bias.normal_(0, 0.3);
}

// A small 3x3x24 network in eval mode with perturbed batch norms and spread
// auxiliary heads, `rows` positions of random games (game i has
// move_step * i moves, seed seed + i), and the module's own outputs on them.
struct ModuleCase {
  Model model;
  PolicyValueNet network{nullptr};
  torch::Tensor planes;
  PolicyValueOutput expected;
};
ModuleCase PerturbedModuleCase(int size, int rows, int move_step, int seed) {
  ModuleCase c{SmallModel(size, 3, 3, 24)};
  c.network = NetworkOf(c.model);
  PerturbBatchNorms(*c.network);
  SpreadAuxHeads(*c.network);
  c.network->eval();
  std::vector<GameState> games;
  for (int i = 0; i < rows; ++i) games.push_back(RandomGame(size, move_step * i, seed + i));
  c.planes = PlanesOf(games);
  torch::NoGradGuard no_grad;
  c.expected = c.network->forward(c.planes);
  return c;
}

TEST(InferenceNetTest, AuxHeadsOfTheFoldedPathMatchTheModuleInEvalMode) {
  for (int size : {9, 13}) {
    // 70 rows: more than one chunk in float32 (32) and in bfloat16 (64).
    ModuleCase c = PerturbedModuleCase(size, 70, 2, 200);
    const torch::Tensor& planes = c.planes;
    const PolicyValueOutput& expected = c.expected;
    torch::NoGradGuard no_grad;
    ASSERT_TRUE(expected.ownership.defined());
    auto net = InferenceNet::Create(*c.network, Precision::kFloat32, torch::kCPU);
    ASSERT_TRUE(net.ok()) << net.status();
    const PolicyValueOutput actual = (*net)->Forward(planes);
    ASSERT_TRUE(actual.ownership.defined());
    ASSERT_TRUE(actual.score.defined());
    EXPECT_EQ(actual.ownership.sizes(), (std::vector<int64_t>{70, size * size}));
    EXPECT_EQ(actual.score.sizes(), (std::vector<int64_t>{70}));
    EXPECT_TRUE(actual.ownership.abs().le(1).all().item<bool>());
    EXPECT_GT(expected.ownership.std().item<double>(), 0.1) << "not a test of zeros";
    EXPECT_GT(expected.score.abs().max().item<double>(), 0.5);
    EXPECT_LT((actual.ownership - expected.ownership).abs().max().item<double>(), 1e-4) << size;
    EXPECT_TRUE(torch::allclose(actual.score, expected.score, 1e-4, 1e-4 * size))
        << size << " max diff " << (actual.score - expected.score).abs().max().item<double>();
    // The chunked batch agrees with evaluating each row alone.
    for (int64_t r = 0; r < 70; ++r) {
      const PolicyValueOutput row = (*net)->Forward(planes.slice(0, r, r + 1));
      ASSERT_EQ(row.ownership.sizes(), (std::vector<int64_t>{1, size * size}));
      EXPECT_LT((row.ownership[0] - actual.ownership[r]).abs().max().item<double>(), 1e-5)
          << size << " row " << r;
      EXPECT_NEAR(row.score[0].item<double>(), actual.score[r].item<double>(), 1e-5 * size)
          << size << " row " << r;
    }
  }
}

TEST(InferenceNetTest, WithoutAuxHeadsOwnershipAndScoreAreUndefined) {
  Model model = SmallModelWithoutAuxHeads(9, 3);
  PolicyValueNet network = NetworkOf(model);
  EXPECT_FALSE(network->config().aux_heads);
  EXPECT_TRUE(network->ownership_out.is_empty());
  EXPECT_TRUE(network->score_fc.is_empty());
  network->eval();
  std::vector<GameState> games;
  for (int i = 0; i < 70; ++i) games.push_back(RandomGame(9, i, i));
  const torch::Tensor planes = PlanesOf(games);
  torch::NoGradGuard no_grad;
  const PolicyValueOutput module = network->forward(planes);
  EXPECT_FALSE(module.ownership.defined());
  EXPECT_FALSE(module.score.defined());
  std::vector<Precision> precisions = {Precision::kFloat32, Precision::kWinograd};
  if (CheckPrecisionRunsOnCpu(Precision::kBFloat16).ok())
    precisions.push_back(Precision::kBFloat16);
  for (Precision precision : precisions) {
    auto net = InferenceNet::Create(*network, precision, torch::kCPU);
    ASSERT_TRUE(net.ok()) << net.status();
    for (int64_t rows : {1, 70}) {  // one chunk, and the chunked path
      const PolicyValueOutput out = (*net)->Forward(planes.slice(0, 0, rows));
      EXPECT_EQ(out.policy_logits.sizes(), (std::vector<int64_t>{rows, 82}));
      EXPECT_EQ(out.value.sizes(), (std::vector<int64_t>{rows}));
      EXPECT_FALSE(out.ownership.defined()) << PrecisionName(precision) << " " << rows;
      EXPECT_FALSE(out.score.defined()) << PrecisionName(precision) << " " << rows;
    }
  }
}

TEST(InferenceNetTest, FoldedOneDnnPathMatchesTheModuleInEvalMode) {
  for (int size : {9, 13}) {
    Model model = SmallModel(size, 3, 3, 24);
    PolicyValueNet network = NetworkOf(model);
    PerturbBatchNorms(*network);
    network->eval();
    std::vector<GameState> games;
    // More than one chunk, so the chunked path is covered.
    for (int i = 0; i < static_cast<int>(InferenceNet::kFloat32Chunk) + 5; ++i)
      games.push_back(RandomGame(size, 3 * i, i));
    const torch::Tensor planes = PlanesOf(games);
    torch::NoGradGuard no_grad;
    const PolicyValueOutput expected = network->forward(planes);
    auto net = InferenceNet::Create(*network, Precision::kFloat32, torch::kCPU);
    ASSERT_TRUE(net.ok()) << net.status();
    const PolicyValueOutput actual = (*net)->Forward(planes);
    EXPECT_TRUE(torch::allclose(actual.policy_logits, expected.policy_logits, 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(actual.value, expected.value, 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(actual.ownership, expected.ownership, 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(actual.score, expected.score, 1e-4, 1e-4 * size));
  }
}

// The Winograd trunk against the module, with every output head, on boards
// that split into 3x3 tiles (9) and that do not (13), for each kernel set
// this CPU runs.
TEST(InferenceNetTest, WinogradPathMatchesTheModuleInEvalMode) {
  const std::string widest(WinogradKernelName());
  for (std::string_view kernels : RunnableWinogradKernels()) {
    ASSERT_TRUE(SelectWinogradKernels(kernels));
    for (int size : {9, 13}) {
      SCOPED_TRACE(testing::Message() << kernels << " kernels, " << size << "x" << size);
      ModuleCase c = PerturbedModuleCase(size, 37, 3, 50);
      const torch::Tensor& planes = c.planes;
      const PolicyValueOutput& expected = c.expected;
      torch::NoGradGuard no_grad;
      auto net = InferenceNet::Create(*c.network, Precision::kWinograd, torch::kCPU);
      ASSERT_TRUE(net.ok()) << net.status();
      const PolicyValueOutput actual = (*net)->Forward(planes);
      EXPECT_TRUE(torch::allclose(actual.policy_logits, expected.policy_logits, 1e-4, 1e-4));
      EXPECT_TRUE(torch::allclose(actual.value, expected.value, 1e-4, 1e-4));
      EXPECT_TRUE(torch::allclose(actual.ownership, expected.ownership, 1e-4, 1e-4));
      EXPECT_TRUE(torch::allclose(actual.score, expected.score, 1e-4, 1e-4 * size));
      // Row by row (batch 1) gives the same as the whole batch.
      const PolicyValueOutput row = (*net)->Forward(planes.slice(0, 36, 37));
      EXPECT_TRUE(torch::allclose(row.policy_logits[0], actual.policy_logits[36], 1e-5, 1e-5));
    }
  }
  ASSERT_TRUE(SelectWinogradKernels(widest));
}

TEST(InferenceNetTest, WinogradOnCudaIsAClearError) {
  const Model model = SmallModel();
  auto net = InferenceNet::Create(*NetworkOf(model), Precision::kWinograd, torch::Device("cuda"));
  ASSERT_FALSE(net.ok());
}

TEST(InferenceNetTest, WinogradAgreesWithFloat32OnTheTopMove) {
  absl::StatusOr<Model> model = Model::CreateRandom(NetworkConfig{}, 3);  // the default 6x64
  ASSERT_TRUE(model.ok());
  absl::StatusOr<NnAgreement> agreement = MeasureAgreement(*model, Precision::kWinograd, 500, 7);
  ASSERT_TRUE(agreement.ok()) << agreement.status();
  EXPECT_GE(agreement->top1, 0.99);
  EXPECT_LT(agreement->max_value_difference, 1e-3);
}

TEST(InferenceNetTest, BFloat16IsCloseToFloat32) {
  if (absl::Status runs = CheckPrecisionRunsOnCpu(Precision::kBFloat16); !runs.ok())
    GTEST_SKIP() << runs.message();
  Model model = SmallModel(9, 4, 4, 32);
  auto fp32 = InferenceNet::Create(*NetworkOf(model), Precision::kFloat32, torch::kCPU);
  auto bf16 = InferenceNet::Create(*NetworkOf(model), Precision::kBFloat16, torch::kCPU);
  ASSERT_TRUE(fp32.ok()) << fp32.status();
  ASSERT_TRUE(bf16.ok()) << bf16.status();
  std::vector<GameState> games;
  for (int i = 0; i < 32; ++i) games.push_back(RandomGame(9, 2 * i, 50 + i));
  const torch::Tensor planes = PlanesOf(games);
  const PolicyValueOutput a = (*fp32)->Forward(planes);
  const PolicyValueOutput b = (*bf16)->Forward(planes);
  EXPECT_EQ(b.policy_logits.scalar_type(), torch::kFloat32) << "outputs stay float32";
  // bf16 keeps 8 bits of mantissa: differences of a few percent of the spread.
  const double spread = a.policy_logits.std().item<double>();
  EXPECT_LT((a.policy_logits - b.policy_logits).abs().max().item<double>(), 0.1 * spread + 0.05);
  EXPECT_LT((a.value - b.value).abs().max().item<double>(), 0.05);
  ASSERT_TRUE(b.ownership.defined());
  ASSERT_TRUE(b.score.defined());
  EXPECT_EQ(b.ownership.scalar_type(), torch::kFloat32);
  EXPECT_EQ(b.score.scalar_type(), torch::kFloat32);
  EXPECT_EQ(b.ownership.sizes(), a.ownership.sizes());
  EXPECT_EQ(b.score.sizes(), a.score.sizes());
  EXPECT_TRUE(b.ownership.abs().le(1).all().item<bool>());
  EXPECT_LT((a.ownership - b.ownership).abs().max().item<double>(), 0.05);
  // The score is N times a dense output: allow N times the value's error.
  EXPECT_LT((a.score - b.score).abs().max().item<double>(), 0.05 * 9);
}

TEST(InferenceNetTest, BFloat16AuxHeadsAreCloseToTheModuleOverSeveralChunks) {
  if (absl::Status runs = CheckPrecisionRunsOnCpu(Precision::kBFloat16); !runs.ok())
    GTEST_SKIP() << runs.message();
  Model model = SmallModel(9, 4, 4, 32);
  PolicyValueNet network = NetworkOf(model);
  PerturbBatchNorms(*network);
  SpreadAuxHeads(*network);
  network->eval();
  std::vector<GameState> games;
  for (int i = 0; i < 70; ++i) games.push_back(RandomGame(9, 2 * i, 300 + i));
  const torch::Tensor planes = PlanesOf(games);
  torch::NoGradGuard no_grad;
  const PolicyValueOutput expected = network->forward(planes);
  auto bf16 = InferenceNet::Create(*network, Precision::kBFloat16, torch::kCPU);
  ASSERT_TRUE(bf16.ok()) << bf16.status();
  const PolicyValueOutput actual = (*bf16)->Forward(planes);
  ASSERT_EQ(actual.ownership.sizes(), (std::vector<int64_t>{70, 81}));
  ASSERT_EQ(actual.score.sizes(), (std::vector<int64_t>{70}));
  EXPECT_TRUE(actual.ownership.abs().le(1).all().item<bool>());
  EXPECT_LT((actual.ownership - expected.ownership).abs().max().item<double>(), 0.05);
  EXPECT_LT((actual.score - expected.score).abs().max().item<double>(),
            0.05 * expected.score.abs().max().item<double>() + 0.1);
  for (int64_t r : {0, 63, 64, 69}) {  // across the chunk boundary at 64
    const PolicyValueOutput row = (*bf16)->Forward(planes.slice(0, r, r + 1));
    EXPECT_LT((row.ownership[0] - actual.ownership[r]).abs().max().item<double>(), 1e-5) << r;
    EXPECT_NEAR(row.score[0].item<double>(), actual.score[r].item<double>(), 1e-4) << r;
  }
}

TEST(InferenceNetTest, BFloat16WhereItCannotRunIsAClearError) {
  if (CheckPrecisionRunsOnCpu(Precision::kBFloat16).ok())
    GTEST_SKIP() << "this CPU runs bf16 (it has avx512bw, avx512vl and avx512dq)";
  const Model model = SmallModel();
  auto net = InferenceNet::Create(*NetworkOf(model), Precision::kBFloat16, torch::kCPU);
  ASSERT_FALSE(net.ok());
  EXPECT_EQ(net.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(net.status().message()).find("lacks"), std::string::npos) << net.status();
}

TEST(InferenceNetTest, AutoPrecisionAlwaysBuilds) {
  absl::StatusOr<Precision> precision = PrecisionFromName("auto");
  ASSERT_TRUE(precision.ok());
  const Model model = SmallModel();
  auto net = InferenceNet::Create(*NetworkOf(model), *precision, torch::kCPU);
  EXPECT_TRUE(net.ok()) << net.status();
}

TEST(InferenceNetTest, CudaWithoutCudaIsAnError) {
  if (torch::cuda::is_available()) GTEST_SKIP() << "this LibTorch has CUDA";
  const Model model = SmallModel();
  auto net = InferenceNet::Create(*NetworkOf(model), Precision::kFloat32, torch::Device("cuda"));
  EXPECT_FALSE(net.ok());
}

}  // namespace
}  // namespace tengen

namespace tengen {
namespace {

TEST(InferenceNetTest, BFloat16AgreesWithFloat32OnTheTopMove) {
  if (!CpuHasNativeBFloat16())
    GTEST_SKIP() << "this CPU has no native bf16 arithmetic (amx_bf16 or avx512_bf16)";
  absl::StatusOr<Model> model = Model::CreateRandom(NetworkConfig{}, 3);  // the default 6x64
  ASSERT_TRUE(model.ok());
  absl::StatusOr<NnAgreement> agreement = MeasureAgreement(*model, Precision::kBFloat16, 2000, 7);
  ASSERT_TRUE(agreement.ok()) << agreement.status();
  EXPECT_GE(agreement->top1, 0.99);
  EXPECT_LT(agreement->max_value_difference, 0.05);
}

}  // namespace
}  // namespace tengen
