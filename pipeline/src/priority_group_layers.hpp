#pragma once

#include <string>
#include <utility>
#include <vector>

#include "couverture/io/output_layer.hpp"

namespace couverture::pipeline {

struct RunOutcome;

// Adds each [demand.groups] group's count per commune (the sum of its
// points') and its share of the commune's people, to the `communes` layer.
void add_commune_group_columns(const RunOutcome& outcome, OutputLayer& communes);

// `priority_groups`: one row per service and group, the group against
// everyone else of the service's public (mean time, share beyond each
// threshold, E2SFCA rates, global rates with [supply]) and the
// concentration index by the group's share; French labels. Empty without
// [demand.groups].
std::vector<OutputLayer> build_priority_group_layers(const RunOutcome& outcome);

// The run_info rows of [demand.groups] and of the siting weights.
std::vector<std::pair<std::string, std::string>> groups_run_info(const RunOutcome& outcome);

}  // namespace couverture::pipeline
