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
  }
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
