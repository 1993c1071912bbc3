// How big each part of the study is: the default plan (sized to finish in
// about 30 minutes on an otherwise idle 2-core machine) and the quick plan
// (a minute or two, for tests). No LibTorch here.
#ifndef TENGEN_SELFPLAY_STUDY_PLAN_H_
#define TENGEN_SELFPLAY_STUDY_PLAN_H_

#include <cstdint>

#include "engine/json.h"
#include "selfplay/run_config.h"
#include "selfplay/study_collapse.h"
#include "selfplay/study_diversity.h"
#include "selfplay/study_dropout.h"
#include "selfplay/study_learning.h"
#include "selfplay/study_strength.h"

namespace tengen {

struct StudyPlan {
  // The self-play run that makes the studied network when none is given.
  RunConfig model_run;
  CollapseOptions collapse;
  DiversityOptions diversity;
  StrengthOptions strength;
  LearningOptions learning;
  DropoutOptions dropout;

  // Every size above, for the report and for recognising a resumed study.
  JsonValue ToJson() const;
};

// The plan for `quick` or default sizes, every random choice derived from
// `seed`.
StudyPlan MakeStudyPlan(bool quick, uint64_t seed);

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_STUDY_PLAN_H_
