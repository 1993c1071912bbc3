// Model::ExportTorchScript: the folded network written as a TorchScript
// module whose forward is generated TorchScript source, so Python's
// torch.jit.load runs exactly Tengen's evaluation-mode computation.
#include <fmt/format.h>
#include <torch/script.h>

#include <sstream>

#include "base/atomic_file.h"
#include "policy/folded_network.h"
#include "policy/model.h"
#include "policy/model_internal.h"
#include "policy/torch_errors.h"

namespace tengen {
namespace {

void AddConv(torch::jit::Module& module, const std::string& name, const FoldedConv& conv) {
  module.register_buffer(name + "_w", conv.weight);
  module.register_buffer(name + "_b", conv.bias);
}

void AddDense(torch::jit::Module& module, const std::string& name, const FoldedDense& dense) {
  module.register_buffer(name + "_w", dense.weight);
  module.register_buffer(name + "_b", dense.bias);
}

std::string ConvCall(const std::string& input, const std::string& name, int padding) {
  return fmt::format("torch.conv2d({}, self.{}_w, self.{}_b, [1, 1], [{}, {}])", input, name, name,
                     padding, padding);
}

std::string DenseCall(const std::string& input, const std::string& name) {
  return fmt::format("torch.addmm(self.{}_b, {}, self.{}_w.t())", name, input, name);
}

// TorchScript source of forward(), mirroring InferenceNet::ForwardChunk:
// (logits, value), plus (ownership, score) when the network has the
// auxiliary heads.
std::string ForwardSource(const FoldedNetwork& folded) {
  std::string source = "def forward(self, x):\n";
  source += "    x = torch.relu(" + ConvCall("x", "input", folded.input.padding) + ")\n";
  for (size_t i = 0; i < folded.block_first.size(); ++i) {
    const std::string block = "block" + std::to_string(i);
    source +=
        "    h = torch.relu(" + ConvCall("x", block + "_1", folded.block_first[i].padding) + ")\n";
    source += "    h = " + ConvCall("h", block + "_2", folded.block_second[i].padding) + "\n";
    source += "    x = torch.relu(h + x)\n";
  }
  source += "    pooled = x.mean([2, 3])\n";
  source += "    p = torch.relu(" + ConvCall("x", "policy_conv", 0) + ")\n";
  source += "    board_logits = " + ConvCall("p", "policy_out", 0) + ".flatten(1)\n";
  source += "    pass_logit = " + DenseCall("pooled", "pass") + "\n";
  source += "    features = torch.relu(" + ConvCall("x", "value_conv", 0) + ")\n";
  source += "    hidden = torch.relu(" + DenseCall("features.mean([2, 3])", "value_hidden") + ")\n";
  source += "    v = torch.tanh(" + DenseCall("hidden", "value_out") + ").squeeze(1)\n";
  if (!folded.has_aux()) {
    source += "    return torch.cat([board_logits, pass_logit], 1), v\n";
    return source;
  }
  source += "    ownership = torch.tanh(" + ConvCall("features", "ownership", 0) + ").flatten(1)\n";
  source += "    score = " + DenseCall("hidden", "score") + ".squeeze(1) * x.size(2)\n";
  source += "    return torch.cat([board_logits, pass_logit], 1), v, ownership, score\n";
  return source;
}

}  // namespace

absl::Status Model::ExportTorchScript(const std::string& path) const {
  absl::StatusOr<std::string> bytes =
      CatchTorchErrors("exporting TorchScript", [&]() -> absl::StatusOr<std::string> {
        const FoldedNetwork folded = FoldNetwork(*NetworkOf(*this));
        torch::jit::Module module("TengenPolicyValueNet");
        AddConv(module, "input", folded.input);
        for (size_t i = 0; i < folded.block_first.size(); ++i) {
          AddConv(module, fmt::format("block{}_1", i), folded.block_first[i]);
          AddConv(module, fmt::format("block{}_2", i), folded.block_second[i]);
        }
        AddConv(module, "policy_conv", folded.policy_conv);
        AddConv(module, "policy_out", folded.policy_out);
        AddConv(module, "value_conv", folded.value_conv);
        AddDense(module, "pass", folded.pass);
        AddDense(module, "value_hidden", folded.value_hidden);
        AddDense(module, "value_out", folded.value_out);
        if (folded.has_aux()) {
          AddConv(module, "ownership", folded.ownership);
          AddDense(module, "score", folded.score);
        }
        module.register_attribute("tengen_metadata", c10::StringType::get(),
                                  MetadataToJson(metadata_));
        module.define(ForwardSource(folded));
        module.eval();
        std::ostringstream out;
        module.save(out);
        return out.str();
      });
  if (!bytes.ok()) return bytes.status();
  return WriteFileAtomically(path, *bytes);
}

}  // namespace tengen
