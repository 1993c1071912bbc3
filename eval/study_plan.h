// How big each part of the study is: the default plan (sized to finish in
// about 9.5 minutes on an otherwise idle 2-core machine, so that the
// default 3 replicates take about half an hour) and the quick plan
// (a minute or two, for tests). No LibTorch here.
#ifndef TENGEN_EVAL_STUDY_PLAN_H_
#define TENGEN_EVAL_STUDY_PLAN_H_

#include <cstdint>

#include "base/json.h"
#include "eval/study_collapse.h"
#include "eval/study_diversity.h"
#include "eval/study_dropout.h"
#include "eval/study_learning.h"
#include "eval/study_search.h"
#include "eval/study_strength.h"
#include "selfplay/run_config.h"

namespace tengen {

struct StudyPlan {
  CollapseOptions collapse;
  DiversityOptions diversity;
  StrengthOptions strength;
  // Its sampled run also makes the studied network when none is given
  // (its best generation against the random player).
  LearningOptions learning;
  DropoutOptions dropout;
  SearchEraOptions search;

  // Every size above, for the report and for recognising a resumed study.
  JsonValue ToJson() const;
};

// The plan for `quick` or default sizes, every random choice derived from
// `seed`.
StudyPlan MakeStudyPlan(bool quick, uint64_t seed);

}  // namespace tengen

#endif  // TENGEN_EVAL_STUDY_PLAN_H_
