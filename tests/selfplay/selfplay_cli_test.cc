// `tengen selfplay`, `tengen train` and `tengen run` as real processes:
// killed with SIGKILL at random moments, several at once into one folder,
// fed damaged files, interrupted with Ctrl-C, and resumed. Nothing may be
// lost, clobbered or left damaged where a reader would use it.
#include <fmt/ranges.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "base/fmt_absl.h"
#include "base/json.h"
#include "base/random.h"
#include "engine/sgf.h"
#include "gtest/gtest.h"
#include "policy/evaluator.h"
#include "policy/model.h"
#include "selfplay/run_loop.h"
#include "tests/selfplay/selfplay_test_util.h"
#include "tests/support/child_process.h"
#include "tests/support/files.h"
#include "tests/support/temp_dir.h"
#include "train/checkpoint.h"
#include "train/training_data.h"
#include "train/training_window.h"

namespace tengen {
namespace {

class SelfPlayCliTest : public ::testing::Test {
 protected:
  // Runs tengen to the end and returns its exit code; the output goes to
  // log().
  int Tengen(const std::vector<std::string>& args, double timeout_s = 120) {
    ChildProcess child(TENGEN_BINARY, args, Log());
    const int code = child.Wait(timeout_s);
    last_output_ = child.Log();
    return code;
  }
  std::unique_ptr<ChildProcess> Start(const std::vector<std::string>& args) {
    return std::make_unique<ChildProcess>(TENGEN_BINARY, args, Log());
  }
  // A fresh log file for the next child.
  std::string Log() { return dir_.Path(fmt::format("log-{}.txt", logs_++)); }
  std::string Path(const std::string& relative) const { return dir_.Path(relative); }
  std::string MakeModel(int size, const std::string& name) {
    const std::string path = Path(name);
    EXPECT_EQ(Tengen({"model", "init", "--out", path, "--size", std::to_string(size), "--blocks",
                      "1", "--channels", "8", "--seed", "2"}),
              0)
        << last_output_;
    return path;
  }
  std::vector<std::string> SelfPlayArgs(const std::string& model, const std::string& out, int games,
                                        const std::string& worker = "w0") {
    return {"selfplay",
            "--model",
            model,
            "--out",
            out,
            "--games",
            std::to_string(games),
            "--worker",
            worker,
            "--workers",
            "1",
            "--progress=false"};
  }

  TempDir dir_{"selfplay_cli"};
  int logs_ = 0;
  std::string last_output_;
};

// Every data file decodes and agrees with its game record: the same board
// size, the moves played with a choice, outcomes from the result; the
// record names the worker and the game. Returns the file names (without
// folder) of the data files.
std::vector<std::string> CheckSelfPlayFolder(const std::string& out) {
  std::vector<std::string> names;
  for (const std::string& path : FilesEndingIn(out + "/data", ".npz")) {
    const std::string name = test_fs::path(path).filename().string();
    SCOPED_TRACE(name);
    names.push_back(name);
    absl::StatusOr<TrainingChunk> data = ReadTrainingFile(path);
    EXPECT_TRUE(data.ok()) << data.status();
    if (!data.ok()) continue;
    const std::string stem = name.substr(0, name.size() - 4);
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(out + "/sgf/" + stem + ".sgf");
    EXPECT_TRUE(records.ok() && records->size() == 1) << records.status();
    if (!records.ok() || records->size() != 1) continue;
    const GameRecord& record = (*records)[0];
    const size_t dash = stem.rfind('-');
    EXPECT_EQ(record.game_name, fmt::format("selfplay {} game {}", stem.substr(0, dash),
                                            std::stoi(stem.substr(dash + 1))));
    EXPECT_EQ(record.size, data->board_size);
    std::vector<int16_t> chosen;
    for (const ReplayedMove& step : ReplayMoves(record))
      if (step.had_choice)
        chosen.push_back(static_cast<int16_t>(PointToMoveIndex(step.move.point, record.size)));
    EXPECT_EQ(data->move, chosen) << "the data file does not hold its game's moves";
    const int8_t black = record.result[0] == 'B' ? 1 : record.result[0] == 'W' ? -1 : 0;
    if (!data->outcome.empty()) {
      EXPECT_EQ(data->outcome[0], black);  // black moves first
    }
  }
  return names;
}

std::vector<std::string> GameNames(const std::string& worker, int games) {
  std::vector<std::string> names;
  for (int i = 0; i < games; ++i) names.push_back(fmt::format("{}-{:06}.npz", worker, i));
  return names;
}

// SGF texts of a self-play folder by file name.
std::map<std::string, std::string> SgfTexts(const std::string& out) {
  std::map<std::string, std::string> texts;
  for (const std::string& path : FilesEndingIn(out + "/sgf", ".sgf"))
    texts[test_fs::path(path).filename().string()] = ReadBytes(path);
  return texts;
}

TEST_F(SelfPlayCliTest, SelfPlayKilledMidRunLosesNothingAndLeavesNoDamagedFile) {
  const std::string model = MakeModel(7, "m7.tgm");
  const std::string out = Path("out");
  std::vector<std::string> args = SelfPlayArgs(model, out, 40);
  for (const char* flag : {"--parallel=1", "--symmetry=none", "--seed=5"}) args.push_back(flag);
  auto child = Start(args);
  ASSERT_TRUE(WaitFor(
      [&] { return FilesEndingIn(out + "/data", ".npz").size() >= 3 || !child->Running(); }, 60));
  child->Signal(SIGKILL);
  EXPECT_EQ(child->Wait(), 128 + SIGKILL) << child->Log();
  const std::vector<std::string> before = CheckSelfPlayFolder(out);
  ASSERT_GE(before.size(), 3u);
  ASSERT_LT(before.size(), 40u) << "self-play finished before it could be killed";
  std::map<std::string, std::string> sgf_before = SgfTexts(out);

  // A temporary file as a writer killed mid-write leaves it: readers skip it.
  const std::string partial = ReadBytes(out + "/data/" + before[0]);
  WriteBytes(out + "/data/w0-000039.npz.tmp.99999.0badf00d", partial.substr(0, partial.size() / 2));
  absl::StatusOr<TrainingWindow> window = LoadTrainingWindow({.data_dirs = {out}, .board_size = 7});
  ASSERT_TRUE(window.ok()) << window.status();
  EXPECT_EQ(window->files_used, static_cast<int>(before.size()));
  EXPECT_TRUE(window->warnings.empty()) << fmt::format("{}", fmt::join(window->warnings, "\n"));

  // The same command finishes the job: games 0..39, each once, all valid.
  ASSERT_EQ(Tengen(args), 0) << last_output_;
  EXPECT_EQ(CheckSelfPlayFolder(out), GameNames("w0", 40));
  EXPECT_EQ(FilesEndingIn(out + "/sgf", ".sgf").size(), 40u);
  // The games that were done are untouched, and the rest are the very games
  // an uninterrupted run plays (with --symmetry none each game's randomness
  // is its own; the next test covers the default).
  const std::map<std::string, std::string> sgf_after = SgfTexts(out);
  for (const auto& [name, text] : sgf_before) {
    const bool done = test_fs::exists(out + "/data/" + name.substr(0, name.size() - 4) + ".npz");
    if (done) {
      EXPECT_EQ(sgf_after.at(name), text);
    }
  }
  const std::string reference = Path("reference");
  std::vector<std::string> reference_args = args;
  reference_args[4] = reference;
  ASSERT_EQ(Tengen(reference_args), 0) << last_output_;
  EXPECT_EQ(SgfTexts(reference), sgf_after);
  // Running it once more plays nothing.
  ASSERT_EQ(Tengen(args), 0);
  EXPECT_EQ(SgfTexts(out), sgf_after);
}

// GameSeed promises that a game is "reproducible one by one, whatever else
// ran beside" it; with the network evaluator's default random symmetry
// (`--symmetry random`) that holds only if the symmetry drawn for a
// position does not depend on the other games in the batch.
TEST_F(SelfPlayCliTest, SelfPlayGamesDoNotDependOnWhatRunsBesideThem) {
  const std::string model = MakeModel(5, "m5.tgm");
  std::vector<std::string> batched_args = SelfPlayArgs(model, Path("batched"), 4);
  batched_args.push_back("--parallel=4");
  std::vector<std::string> alone_args = SelfPlayArgs(model, Path("alone"), 4);
  alone_args.push_back("--parallel=1");
  ASSERT_EQ(Tengen(batched_args), 0) << last_output_;
  ASSERT_EQ(Tengen(alone_args), 0) << last_output_;
  const std::map<std::string, std::string> batched = SgfTexts(Path("batched")),
                                           alone = SgfTexts(Path("alone"));
  ASSERT_EQ(batched.size(), 4u);
  int same = 0;
  for (const auto& [name, text] : batched) same += alone.at(name) == text;
  EXPECT_EQ(same, 4) << "games differ with --parallel 4 and --parallel 1 under the same seed";
}

TEST_F(SelfPlayCliTest, WorkersSharingOneFolderNeverClobberEachOther) {
  const std::string model = MakeModel(5, "m5.tgm");
  const std::string out = Path("shared");
  std::vector<std::unique_ptr<ChildProcess>> workers;
  for (int w = 0; w < 3; ++w) {
    std::vector<std::string> args = SelfPlayArgs(model, out, 10, fmt::format("w{}", w));
    args.push_back(fmt::format("--seed={}", 100 + w));
    args.push_back("--parallel=2");
    workers.push_back(Start(args));
  }
  for (auto& worker : workers) EXPECT_EQ(worker->Wait(), 0) << worker->Log();
  std::vector<std::string> expected;
  for (int w = 0; w < 3; ++w)
    for (const std::string& name : GameNames(fmt::format("w{}", w), 10)) expected.push_back(name);
  EXPECT_EQ(CheckSelfPlayFolder(out), expected);
  EXPECT_EQ(FilesEndingIn(out + "/sgf", ".sgf").size(), 30u);
  EXPECT_TRUE(FilesContaining(out, ".tmp.").empty());
  // Different seeds, different games.
  const std::map<std::string, std::string> texts = SgfTexts(out);
  std::set<std::string> moves;
  for (const auto& [name, text] : texts) moves.insert(text.substr(text.find(";B[")));
  EXPECT_GT(moves.size(), 25u);
}

// The largest difference between the logits and values of two models on
// the positions of the first games in a self-play folder.
double MaxOutputDifference(const Model& a, const Model& b, const std::string& selfplay_dir) {
  std::vector<GameState> states;
  for (const std::string& path : FilesEndingIn(selfplay_dir + "/sgf", ".sgf")) {
    for (const ReplayedMove& step : ReplayMoves((*ReadSgfFile(path))[0]))
      states.push_back(step.before);
    if (states.size() > 100) break;
  }
  std::vector<const GameState*> pointers;
  for (const GameState& state : states) pointers.push_back(&state);
  const EvaluatorOptions options{.symmetry = SymmetryMode::kNone};
  absl::StatusOr<std::vector<Evaluation>> ea =
      (*CreateNetworkEvaluator(a, options))->EvaluateBatch(pointers);
  absl::StatusOr<std::vector<Evaluation>> eb =
      (*CreateNetworkEvaluator(b, options))->EvaluateBatch(pointers);
  EXPECT_TRUE(ea.ok() && eb.ok());
  double most = 0;
  for (size_t i = 0; i < states.size(); ++i) {
    most = std::max(most, static_cast<double>(std::abs((*ea)[i].value - (*eb)[i].value)));
    for (size_t m = 0; m < (*ea)[i].logits.size(); ++m)
      most = std::max(most, static_cast<double>(std::abs((*ea)[i].logits[m] - (*eb)[i].logits[m])));
  }
  return most;
}

TEST_F(SelfPlayCliTest, TrainingKilledAtRandomMomentsResumesToTheUninterruptedModel) {
  const std::string model = MakeModel(5, "m5.tgm");
  ASSERT_EQ(Tengen(SelfPlayArgs(model, Path("data"), 20)), 0) << last_output_;
  constexpr int kSteps = 20;
  auto train_args = [&](const std::string& out, int checkpoint_every = 1) {
    return std::vector<std::string>{"train",
                                    "--data",
                                    Path("data"),
                                    "--model-in",
                                    model,
                                    "--model-out",
                                    out,
                                    "--steps",
                                    std::to_string(kSteps),
                                    "--batch",
                                    "32",
                                    "--seed",
                                    "4",
                                    "--checkpoint-every",
                                    std::to_string(checkpoint_every),
                                    "--keep-checkpoints",
                                    "2"};
  };
  const std::string out = Path("trained.tgm"), checkpoints = out + ".checkpoints";
  // The newest checkpoint's step, by file name (0 for none).
  auto newest_step = [&] {
    const std::vector<std::string> files = FilesEndingIn(checkpoints, ".ckpt");
    if (files.empty()) return 0;
    const std::string name = test_fs::path(files.back()).filename().string();
    return std::stoi(name.substr(std::string("checkpoint-").size(), 12));
  };
  // Each attempt is killed a random few milliseconds after a random later
  // checkpoint appears, so some kills land while the next one is written.
  Rng rng(2024);
  int kills = 0, finished = -1, half_written = 0;
  std::set<int64_t> resumed_from;
  for (int attempt = 0; attempt < 5 && finished != 0; ++attempt) {
    const int current = newest_step();
    if (current >= kSteps - 1) break;
    const int target =
        current + 1 + static_cast<int>(rng.Below(static_cast<uint32_t>(kSteps - 1 - current)));
    auto child = Start(train_args(out));
    ASSERT_TRUE(WaitFor([&] { return newest_step() >= target || !child->Running(); }, 60));
    std::this_thread::sleep_for(std::chrono::microseconds(rng.Below(20000)));
    if (child->Running()) {
      child->Signal(SIGKILL);
      ++kills;
    }
    finished = child->Wait();
    if (finished == 0) break;
    ASSERT_EQ(finished, 128 + SIGKILL) << child->Log();
    half_written += static_cast<int>(FilesContaining(checkpoints, ".tmp.").size());
    // The newest checkpoint, the one a restart uses, is intact.
    absl::StatusOr<std::optional<LoadedCheckpoint>> latest = LoadLatestCheckpoint(checkpoints);
    ASSERT_TRUE(latest.ok()) << latest.status();
    if (latest->has_value()) {
      EXPECT_TRUE((*latest)->warnings.empty())
          << fmt::format("{}", fmt::join((*latest)->warnings, "\n"));
      resumed_from.insert((*latest)->header.step);
    }
    // The model file appears only once training is complete.
    if (test_fs::exists(out)) {
      absl::StatusOr<Model> written = Model::Load(out);
      ASSERT_TRUE(written.ok()) << written.status();
      EXPECT_EQ(written->metadata().training_step, kSteps);
    }
  }
  if (finished != 0) {
    ASSERT_EQ(Tengen(train_args(out)), 0) << last_output_;
  }
  RecordProperty("kills", kills);
  RecordProperty("half_written_checkpoints_seen", half_written);
  RecordProperty("checkpoints_resumed_from", fmt::format("{}", fmt::join(resumed_from, ",")));
  EXPECT_GE(kills, 3);
  absl::StatusOr<Model> trained = Model::Load(out);
  ASSERT_TRUE(trained.ok()) << trained.status();
  EXPECT_EQ(trained->metadata().training_step, kSteps);
  EXPECT_FALSE(test_fs::exists(checkpoints)) << "a finished run removes its checkpoints";

  // Training is deterministic, so the interrupted run ends where an
  // uninterrupted one does.
  const std::string reference_path = Path("reference.tgm");
  ASSERT_EQ(Tengen(train_args(reference_path, /*checkpoint_every=*/1000)), 0) << last_output_;
  absl::StatusOr<Model> reference = Model::Load(reference_path);
  ASSERT_TRUE(reference.ok()) << reference.status();
  const double difference = MaxOutputDifference(*trained, *reference, Path("data"));
  RecordProperty("max_output_difference", fmt::format("{}", difference));
  EXPECT_LE(difference, 1e-5);
}

TEST_F(SelfPlayCliTest, TrainingSkipsDamagedAndForeignFilesWithAWarningEach) {
  const std::string model5 = MakeModel(5, "m5.tgm"), model7 = MakeModel(7, "m7.tgm");
  ASSERT_EQ(Tengen(SelfPlayArgs(model5, Path("mixed"), 4)), 0) << last_output_;
  ASSERT_EQ(Tengen(SelfPlayArgs(model7, Path("seven"), 1)), 0) << last_output_;
  test_fs::copy_file(Path("seven/data/w0-000000.npz"), Path("mixed/data/seven.npz"));
  const std::string good = ReadBytes(Path("mixed/data/w0-000000.npz"));
  WriteBytes(Path("mixed/data/truncated.npz"), good.substr(0, good.size() - 40));
  WriteBytes(Path("mixed/data/garbage.npz"), std::string(500, 'g'));
  ASSERT_EQ(Tengen({"train", "--data", Path("mixed"), "--model-in", model5, "--model-out",
                    Path("out.tgm"), "--steps", "3", "--batch", "8"}),
            0)
      << last_output_;
  for (const char* name : {"truncated.npz", "garbage.npz", "seven.npz"}) {
    const size_t at =
        last_output_.find(fmt::format("warning: skipping {}/mixed/data/{}", dir_.path(), name));
    EXPECT_NE(at, std::string::npos) << name << " not named in:\n" << last_output_;
  }
  EXPECT_NE(last_output_.find("from 4 files"), std::string::npos) << last_output_;
  EXPECT_TRUE(Model::Load(Path("out.tgm")).ok());
}

std::vector<JsonValue> MetricsLines(const std::string& run) {
  std::vector<JsonValue> lines;
  std::istringstream in(ReadBytes(run + "/metrics.jsonl"));
  for (std::string line; std::getline(in, line);) {
    absl::StatusOr<JsonValue> json = ParseJson(line);
    EXPECT_TRUE(json.ok()) << json.status() << ": " << line;
    if (json.ok()) lines.push_back(*json);
  }
  return lines;
}

// Every file in a run folder that others read is whole and valid.
void CheckRunFolder(const std::string& run) {
  for (const std::string& path : FilesEndingIn(run, ".npz"))
    EXPECT_TRUE(ReadTrainingFile(path).ok()) << path;
  for (const std::string& path : FilesEndingIn(run, ".sgf")) {
    absl::StatusOr<std::vector<GameRecord>> records = ReadSgfFile(path);
    ASSERT_TRUE(records.ok()) << records.status();
    absl::StatusOr<ReplayResult> replay = ReplayGame((*records)[0], RulesOfRecord((*records)[0]));
    ASSERT_TRUE(replay.ok()) << path;
    EXPECT_TRUE(replay->warnings.empty()) << path;
  }
  for (const std::string& path : FilesEndingIn(run, ".tgm"))
    EXPECT_TRUE(Model::Load(path).ok()) << path;
  EXPECT_TRUE(ParseJson(ReadBytes(run + "/config.json")).ok());
  if (test_fs::exists(run + "/run.json")) {
    EXPECT_TRUE(ReadRunState(run).ok());
  }
}

constexpr char kTinyRunConfig[] = R"({
  "generations": 2, "seed": 3,
  "network": {"board_size": 5, "blocks": 1, "channels": 8},
  "selfplay": {"games": 12, "parallel": 12, "workers": 1},
  "train": {"steps": 25, "batch": 32, "threads": 1, "checkpoint_every": 5, "window_generations": 2},
  "evaluate": {"games": 6, "games_vs_random": 4, "games_vs_first": 4, "games_vs_gnugo": 2}
})";

TEST_F(SelfPlayCliTest, TrainChecksItsFoldersAndOutputBeforeTraining) {
  const std::string model = MakeModel(5, "m5.tgm");
  ASSERT_EQ(Tengen(SelfPlayArgs(model, Path("data"), 2)), 0) << last_output_;
  test_fs::create_directories(Path("existing"));
  const std::vector<std::string> args = {"train",   "--data", Path("data"), "--model-in", model,
                                         "--steps", "100000", "--batch",    "32"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> all = args;
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  };
  // A folder as --model-out fails at once, not after every step.
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Tengen(with({"--model-out", Path("existing")})), 2);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 30);
  EXPECT_NE(last_output_.find("--model-out " + Path("existing") + ": is a folder"),
            std::string::npos)
      << last_output_;
  EXPECT_FALSE(test_fs::exists(Path("existing.checkpoints")));
  EXPECT_EQ(Tengen(with({"--model-out", Path("nowhere/m.tgm")})), 2);
  EXPECT_NE(last_output_.find("does not exist"), std::string::npos) << last_output_;
  // A data file instead of its folder says so.
  const std::string file = FilesEndingIn(Path("data/data"), ".npz").front();
  EXPECT_EQ(Tengen({"train", "--data", file, "--model-in", model, "--model-out", Path("o.tgm")}),
            2);
  EXPECT_NE(last_output_.find("is a file, not a folder; give the folder that holds the .npz"),
            std::string::npos)
      << last_output_;
  EXPECT_FALSE(test_fs::exists(Path("o.tgm.write-test")));
}

TEST_F(SelfPlayCliTest, ADamagedBestModelIsReportedAndRestored) {
  const std::string config = Path("tiny.json"), run = Path("run");
  std::string text = kTinyRunConfig;
  text.replace(text.find("\"generations\": 2"), 16, "\"generations\": 1");
  WriteBytes(config, text);
  ASSERT_EQ(Tengen({"run", "--dir", run, "--config", config}), 0) << last_output_;
  const int best =
      static_cast<int>(*ParseJson(ReadBytes(run + "/run.json"))->GetInteger("best_generation"));
  const std::string best_path = run + "/models/best.tgm";
  const std::string generation_path = fmt::format("{}/models/gen-{:04}.tgm", run, best);
  // Cut to 500 bytes: the finished run restores it from its generation file.
  WriteBytes(best_path, ReadBytes(best_path).substr(0, 500));
  ASSERT_EQ(Tengen({"run", "--dir", run}), 0) << last_output_;
  EXPECT_NE(last_output_.find("warning: the best model cannot be used: " + best_path),
            std::string::npos)
      << last_output_;
  EXPECT_NE(last_output_.find("restored " + best_path + " from " + generation_path),
            std::string::npos)
      << last_output_;
  absl::StatusOr<Model> restored = Model::Load(best_path);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->metadata(), Model::Load(generation_path)->metadata());
  if (best == 0) return;  // nothing older to fall back to
  // The best generation's file damaged too: the newest intact older one
  // becomes the best, and run.json says so.
  WriteBytes(best_path, "junk");
  WriteBytes(generation_path, "junk");
  ASSERT_EQ(Tengen({"run", "--dir", run}), 0) << last_output_;
  EXPECT_NE(last_output_.find("generation 0 is now the best"), std::string::npos) << last_output_;
  EXPECT_EQ(*ParseJson(ReadBytes(run + "/run.json"))->GetInteger("best_generation"), 0);
  EXPECT_TRUE(Model::Load(best_path).ok());
  EXPECT_TRUE(test_fs::exists(generation_path + ".damaged"));
}

TEST_F(SelfPlayCliTest, ATinyRunFinishesResumesAndExtends) {
  const std::string config = Path("tiny.json"), run = Path("run");
  WriteBytes(config, kTinyRunConfig);
  ASSERT_EQ(Tengen({"run", "--dir", run, "--config", config}), 0) << last_output_;
  EXPECT_NE(last_output_.find("done: the best model is"), std::string::npos) << last_output_;
  std::vector<JsonValue> metrics = MetricsLines(run);
  ASSERT_EQ(metrics.size(), 2u);
  bool value_loss_fell = false;
  for (size_t g = 0; g < metrics.size(); ++g) {
    const JsonValue& line = metrics[g];
    for (const char* key :
         {"generation", "games", "selfplay_seconds", "positions", "steps", "policy_loss",
          "value_loss_first", "value_loss", "policy_entropy", "train_samples_per_s", "vs_best",
          "vs_random", "vs_first", "vs_gnugo", "ownership_loss", "score_loss", "promoted",
          "best_generation", "seconds"})
      EXPECT_NE(line.Find(key), nullptr) << key;
    EXPECT_EQ(*line.GetInteger("generation"), static_cast<int64_t>(g + 1));
    EXPECT_EQ(*line.GetInteger("games"), 12);
    // The candidate's training step: 25 more than the best model it started from.
    const int64_t steps = *line.GetInteger("steps");
    EXPECT_TRUE(steps == 25 * static_cast<int64_t>(g + 1) || (g > 0 && steps == 25)) << steps;
    EXPECT_EQ(*line.Find("vs_gnugo")->GetInteger("games"), 2);  // GNU Go level 0 on 5x5
    for (const char* match : {"vs_best", "vs_random", "vs_first", "vs_gnugo"}) {
      const JsonValue* rate = line.Find(match);
      ASSERT_NE(rate, nullptr);
      EXPECT_EQ(
          *rate->GetInteger("wins") + *rate->GetInteger("draws") + *rate->GetInteger("losses"),
          *rate->GetInteger("games"));
    }
    value_loss_fell |= *line.GetNumber("value_loss") < *line.GetNumber("value_loss_first");
  }
  EXPECT_TRUE(value_loss_fell);
  absl::StatusOr<JsonValue> state = ParseJson(ReadBytes(run + "/run.json"));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(*state->GetInteger("generation"), 2);
  absl::StatusOr<Model> best = Model::Load(run + "/models/best.tgm");
  ASSERT_TRUE(best.ok()) << best.status();
  EXPECT_EQ(best->metadata().name,
            fmt::format("generation {}", *state->GetInteger("best_generation")));
  EXPECT_EQ(FilesEndingIn(run + "/selfplay/gen-0001/data", ".npz").size(), 12u);
  EXPECT_TRUE(FilesContaining(run, ".tmp.").empty());
  EXPECT_TRUE(FilesEndingIn(run + "/train", ".ckpt").empty());
  CheckRunFolder(run);

  // Extending it resumes: generations 1 and 2 stay as they are.
  const std::string gen1 = ReadBytes(run + "/models/gen-0001.tgm"),
                    gen2 = ReadBytes(run + "/models/gen-0002.tgm");
  const std::map<std::string, std::string> games1 = SgfTexts(run + "/selfplay/gen-0001");
  ASSERT_EQ(Tengen({"run", "--dir", run, "--config", config, "--generations", "3"}), 0)
      << last_output_;
  metrics = MetricsLines(run);
  ASSERT_EQ(metrics.size(), 3u);
  EXPECT_EQ(*metrics[2].GetInteger("generation"), 3);
  EXPECT_EQ(*ParseJson(ReadBytes(run + "/run.json"))->GetInteger("generation"), 3);
  EXPECT_EQ(ReadBytes(run + "/models/gen-0001.tgm"), gen1);
  EXPECT_EQ(ReadBytes(run + "/models/gen-0002.tgm"), gen2);
  EXPECT_EQ(SgfTexts(run + "/selfplay/gen-0001"), games1);
  EXPECT_EQ(last_output_.find("gen 1 selfplay"), std::string::npos) << "generation 1 ran again";
  CheckRunFolder(run);

  // Another config for the same folder is refused, naming the problem.
  std::string other = kTinyRunConfig;
  other.replace(other.find("\"channels\": 8"), 13, "\"channels\": 16");
  WriteBytes(Path("other.json"), other);
  EXPECT_EQ(Tengen({"run", "--dir", run, "--config", Path("other.json"), "--generations", "4"}), 1);
  EXPECT_NE(last_output_.find("was started with another config"), std::string::npos)
      << last_output_;
  EXPECT_EQ(MetricsLines(run).size(), 3u);
}

TEST_F(SelfPlayCliTest, ARunStartsFromItsInitModelWhoseNetworkMustMatch) {
  // A 1x8 5x5 model (the tiny config's network) becomes generation 0.
  const std::string init = MakeModel(5, "init.tgm");
  const std::string config = Path("init.json"), run = Path("run");
  std::string text = kTinyRunConfig;
  text.replace(text.find("\"generations\": 2"), 16, "\"generations\": 1");
  text.replace(text.find("\"seed\": 3,"), 10, "\"seed\": 3, \"init_model\": \"" + init + "\",");
  WriteBytes(config, text);
  ASSERT_EQ(Tengen({"run", "--dir", run, "--config", config}), 0) << last_output_;
  absl::StatusOr<Model> first = Model::Load(run + "/models/gen-0000.tgm");
  absl::StatusOr<Model> given = Model::Load(init);
  ASSERT_TRUE(first.ok() && given.ok());
  EXPECT_EQ(first->metadata().name, "generation 0");
  EXPECT_EQ(first->metadata().created, given->metadata().created);
  // Another network shape is refused before any work, naming both.
  const std::string other = Path("other.tgm");
  ASSERT_EQ(
      Tengen({"model", "init", "--out", other, "--size", "5", "--blocks", "2", "--channels", "8"}),
      0)
      << last_output_;
  std::string mismatched = text;
  mismatched.replace(mismatched.find(init), init.size(), other);
  WriteBytes(config, mismatched);
  EXPECT_EQ(Tengen({"run", "--dir", Path("run2"), "--config", config}), 1) << last_output_;
  EXPECT_NE(last_output_.find("is a 2x8 for 5x5"), std::string::npos) << last_output_;
  EXPECT_FALSE(test_fs::exists(Path("run2"))) << "a refused run leaves no folder";
}

TEST_F(SelfPlayCliTest, CtrlCStopsARunThatTheSameCommandThenFinishes) {
  const std::string config = Path("tiny.json"), run = Path("run");
  std::string text = kTinyRunConfig;
  text.replace(text.find("\"generations\": 2"), 16, "\"generations\": 3");
  WriteBytes(config, text);
  const std::vector<std::string> args = {"run", "--dir", run, "--config", config};
  auto child = Start(args);
  ASSERT_TRUE(WaitFor(
      [&] {
        return !FilesEndingIn(run + "/selfplay/gen-0001/data", ".npz").empty() || !child->Running();
      },
      60));
  child->Signal(SIGINT);
  EXPECT_EQ(child->Wait(), 1) << child->Log();
  const std::string stopped = child->Log();
  EXPECT_NE(stopped.find("run the same command to resume"), std::string::npos) << stopped;
  EXPECT_TRUE(FilesContaining(run, ".tmp.").empty());
  CheckRunFolder(run);
  ASSERT_EQ(Tengen(args), 0) << last_output_;
  EXPECT_EQ(*ParseJson(ReadBytes(run + "/run.json"))->GetInteger("generation"), 3);
  const std::vector<JsonValue> metrics = MetricsLines(run);
  ASSERT_EQ(metrics.size(), 3u);
  for (int g = 0; g < 3; ++g) EXPECT_EQ(*metrics[g].GetInteger("generation"), g + 1);
  EXPECT_EQ(FilesEndingIn(run + "/selfplay/gen-0001/data", ".npz").size(), 12u);
  CheckRunFolder(run);
}

// A run with `"workers": 0` plays no game itself: it waits for followers,
// stops cleanly on Ctrl-C while it waits, and with two followers playing
// every generation's games it trains, evaluates and finishes. Every game of
// every generation comes from a follower.
TEST_F(SelfPlayCliTest, ARunWithoutLocalWorkersTrainsOnItsFollowersGames) {
  const std::string config = Path("followers.json"), run = Path("run");
  std::string text = kTinyRunConfig;
  text.replace(text.find("\"workers\": 1"), 12, "\"workers\": 0");
  WriteBytes(config, text);
  const std::vector<std::string> args = {"run", "--dir", run, "--config", config};
  auto waiting = Start(args);
  ASSERT_TRUE(
      WaitFor([&] { return test_fs::exists(run + "/run.json") || !waiting->Running(); }, 60));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_TRUE(waiting->Running()) << waiting->Log();
  EXPECT_TRUE(FilesEndingIn(run + "/selfplay", ".npz").empty()) << "the run played games itself";
  waiting->Signal(SIGINT);
  EXPECT_EQ(waiting->Wait(), 1) << waiting->Log();
  EXPECT_NE(waiting->Log().find("waiting for followers"), std::string::npos) << waiting->Log();

  auto trainer = Start(args);
  std::vector<std::unique_ptr<ChildProcess>> followers;
  for (const std::string worker : {"f1", "f2"})
    followers.push_back(
        Start({"selfplay", "--follow", run, "--worker", worker, "--seed", worker.substr(1),
               "--parallel", "4", "--threads", "1", "--progress=false"}));
  ASSERT_EQ(trainer->Wait(300), 0) << trainer->Log();
  for (auto& follower : followers) EXPECT_EQ(follower->Wait(60), 0) << follower->Log();
  for (int g = 1; g <= 2; ++g) {
    const std::vector<std::string> files =
        FilesEndingIn(run + fmt::format("/selfplay/gen-{:04}/data", g), ".npz");
    EXPECT_GE(files.size(), 12u);
    for (const std::string& path : files) {
      const std::string name = test_fs::path(path).filename().string();
      EXPECT_TRUE(name.starts_with("f1-") || name.starts_with("f2-")) << name;
      EXPECT_TRUE(ReadTrainingFile(path).ok()) << path;
    }
  }
  EXPECT_EQ(MetricsLines(run).size(), 2u);
  CheckRunFolder(run);
}

// Ctrl-C while a generation trains stops the run within moments, leaving
// checkpoints (not a half-trained model file), and the same command goes on
// from the newest checkpoint.
TEST_F(SelfPlayCliTest, CtrlCDuringTrainingStopsAtACheckpoint) {
  const std::string config = Path("long_train.json"), run = Path("run");
  WriteBytes(config, R"({"generations": 1, "seed": 3,
                         "network": {"board_size": 5, "blocks": 1, "channels": 8},
                         "selfplay": {"games": 8, "parallel": 8, "workers": 1},
                         "train": {"steps": 200000, "batch": 32, "threads": 1,
                                   "checkpoint_every": 5},
                         "evaluate": {"games": 2, "games_vs_random": 0, "games_vs_first": 0}})");
  auto child = Start({"run", "--dir", run, "--config", config});
  ASSERT_TRUE(WaitFor(
      [&] { return !FilesEndingIn(run + "/train/gen-0001", ".ckpt").empty() || !child->Running(); },
      120));
  ASSERT_TRUE(child->Running()) << child->Log();
  const auto signalled = std::chrono::steady_clock::now();
  child->Signal(SIGINT);
  EXPECT_EQ(child->Wait(30), 1) << child->Log();
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, std::chrono::seconds(10));
  EXPECT_NE(child->Log().find("run the same command to resume"), std::string::npos) << child->Log();
  EXPECT_FALSE(FilesEndingIn(run + "/train/gen-0001", ".ckpt").empty());
  EXPECT_FALSE(test_fs::exists(run + "/models/gen-0001.tgm"));
  EXPECT_TRUE(FilesContaining(run, ".tmp.").empty());
}

// A crash after a generation's metrics line is written but before run.json
// says the generation is done (the two are separate files) is simulated by
// putting run.json back one generation. Resuming redoes the generation's
// evaluation; it should not leave two metrics lines for one generation.
TEST_F(SelfPlayCliTest, ACrashBetweenTheMetricsLineAndRunJsonRepeatsNoLine) {
  const std::string config = Path("tiny.json"), run = Path("run");
  WriteBytes(config, kTinyRunConfig);
  ASSERT_EQ(Tengen({"run", "--dir", run, "--config", config}), 0) << last_output_;
  const std::vector<JsonValue> before = MetricsLines(run);
  ASSERT_EQ(before.size(), 2u);
  WriteBytes(run + "/run.json", fmt::format("{{\"generation\":1,\"best_generation\":{}}}\n",
                                            *before[0].GetInteger("best_generation")));
  ASSERT_EQ(Tengen({"run", "--dir", run}), 0) << last_output_;
  const std::vector<JsonValue> after = MetricsLines(run);
  std::vector<int64_t> generations;
  for (const JsonValue& line : after) generations.push_back(*line.GetInteger("generation"));
  EXPECT_EQ(generations, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(*ParseJson(ReadBytes(run + "/run.json"))->GetInteger("generation"), 2);
}

// Issue item 6: thousands of network threads never get anywhere; the flag is
// refused before anything starts (exit 2), naming the cores there are.
TEST_F(SelfPlayCliTest, MoreThreadsThanCoresAreRefusedBeforeAnyWork) {
  const unsigned cores = std::thread::hardware_concurrency();
  ASSERT_GT(cores, 0u);
  EXPECT_EQ(Tengen({"selfplay", "--model", Path("no-such-model.tgm"), "--out", Path("out"),
                    "--threads", std::to_string(cores + 1)}),
            2)
      << last_output_;
  EXPECT_NE(last_output_.find(fmt::format("more than the {} cores", cores)), std::string::npos)
      << last_output_;
  EXPECT_FALSE(std::filesystem::exists(Path("out")));
}

// Issue item 13: "-1" is an integer; the message says which ones --seed takes.
TEST_F(SelfPlayCliTest, ANegativeSeedIsRefusedWithTheRange) {
  EXPECT_EQ(Tengen({"selfplay", "--model", Path("m.tgm"), "--out", Path("out"), "--seed", "-1"}), 2)
      << last_output_;
  EXPECT_NE(last_output_.find("--seed: '-1' is not allowed: it must be an integer in 0..2^64-1"),
            std::string::npos)
      << last_output_;
}

// Issue item 14: flags that every worker would reject are rejected once, as
// usage errors, before any worker starts (two workers by default).
TEST_F(SelfPlayCliTest, BadFlagsAreRefusedOnceBeforeWorkersStart) {
  const std::string model = MakeModel(9, "m.tgm");
  const std::string file = Path("a-file");
  std::ofstream(file) << "not a folder";
  struct Case {
    std::vector<std::string> flags;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--out", Path("out"), "--parallel", "0"}, "--parallel must be in 1..4096"},
      {{"--out", Path("out"), "--max-moves", "-1"}, "--max-moves must be 0 (3*N*N) or more"},
      {{"--out", Path("out"), "--device", "cuda"}, "cuda"},
      {{"--out", file}, "is a file, not a folder"},
      {{"--out", file + "/sub"}, "is not a folder, so the games cannot be written there"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"selfplay", "--model",   model, "--games",
                                     "4",        "--workers", "2"};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    const int code = Tengen(args);
    if (c.flags[2] == "--device" && code == 0) continue;  // a LibTorch with CUDA and a GPU
    EXPECT_EQ(code, 2) << fmt::format("{}", fmt::join(c.flags, " ")) << "\n" << last_output_;
    size_t count = 0;
    for (size_t at = last_output_.find(c.message); at != std::string::npos;
         at = last_output_.find(c.message, at + 1))
      ++count;
    EXPECT_GE(count, 1u) << last_output_;
    EXPECT_EQ(last_output_.find("tengen selfplay:"), last_output_.rfind("tengen selfplay:"))
        << "one message, not one per worker:\n"
        << last_output_;
    EXPECT_FALSE(std::filesystem::exists(Path("out")))
        << fmt::format("{}", fmt::join(c.flags, " "));
  }
}

}  // namespace
}  // namespace tengen
