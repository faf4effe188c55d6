#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "couverture/algorithms/distance_decay.hpp"
#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/candidate_generator.hpp"
#include "couverture/geodata/contour_polygons.hpp"
#include "couverture/geodata/demand_source_choice.hpp"
#include "couverture/geodata/equity_measure.hpp"
#include "couverture/geodata/network_access.hpp"
#include "couverture/geodata/scenario_change.hpp"
#include "couverture/geodata/scenario_defaults.hpp"
#include "couverture/geodata/site_plan_objective.hpp"
#include "couverture/geodata/site_solver.hpp"
#include "couverture/geodata/supply_kind.hpp"
#include "couverture/geodata/tension_rate.hpp"
#include "couverture/geodata/travel_direction.hpp"
#include "couverture/geodata/travel_profile.hpp"
#include "couverture/geodata/travel_thresholds.hpp"
#include "couverture/io/commune_reader.hpp"
#include "couverture/io/facility_reader.hpp"

namespace couverture {

struct NetworkSource {
  std::filesystem::path path;  // an OSM PBF, or a graph saved by `network build`
  TravelProfileKind profile = TravelProfileKind::car;
  // Keys access_speed_kmh, max_snap_distance_m and direction ("to_facility",
  // homes to the service, or "from_facility"); snappable_classes stays the
  // profile's. Not the [network.access] table (access_permit, access_forbid).
  NetworkAccess access;
  // Key `dem`: an elevation raster GDAL reads (SRTM .hgt, .hgt.zip,
  // GeoTIFF...) that makes walk and bike times depend on slope; empty = flat.
  // Nothing changes for a car.
  std::filesystem::path dem;
  // Table [network.speeds]: road class name (to_string(RoadClass)) -> km/h
  // replacing the profile's speed; 0 excludes the class.
  std::map<std::string, double> speeds_kmh;
  // Table [network.access]: access values (private, destination...) the
  // profile should accept (`permit`) or treat as closed (`forbid`).
  std::vector<std::string> access_permit;
  std::vector<std::string> access_forbid;
};

// Table [isochrones]: the areas reachable within each threshold.
struct IsochroneSettings {
  bool enabled = true;                    // `couverture run` writes isochrone layers too
  ContourForm form = ContourForm::bands;  // bands (0–T, nested) or rings (T_prev–T, disjoint)
  bool per_facility = true;               // one polygon per facility and threshold
  bool by_service = true;                 // one dissolved polygon per service type and threshold
  // The travel-time surface the isochrones are contours of: cells of cell_m
  // metres in the output CRS; a cell farther than max_offroad_m from every
  // road it may join has no time.
  double cell_m = kDefaultIsochroneCellM;
  double max_offroad_m = kDefaultMaxOffroadM;
  std::vector<double> thresholds_minutes;  // empty: analysis.thresholds_minutes
};

struct AnalysisSettings {
  std::vector<double> thresholds_minutes = kDefaultThresholdsMinutes;
  double demand_spacing_m = kDefaultDemandSpacingM;
};

// Table [demand.age_table]: population per age band joined on the commune
// code. Each band is the sum of one or more columns (e.g. adults =
// ["pop_18_64", "pop_65_plus"]); every band must be given.
struct AgeTable {
  std::filesystem::path path;  // CSV or any GDAL table
  std::string layer;           // empty = the only layer
  std::string code_field = "code_insee";
  std::array<std::vector<std::string>, kAgeBandCount> band_fields;  // by AgeBand
};

// One priority group of [demand.groups] (households below the poverty line,
// single-parent families...): counts from a column of the INSEE grid, or
// per commune from a table.
struct GroupSource {
  std::string name;    // the key, e.g. "poor_households"
  std::string label;   // French, plural ("familles monoparentales"); empty: by name
  std::string column;  // a column of demand.insee_grid (households); empty with a table
  // A per-commune table of counts (e.g. children with a disability
  // allowance), spread over the demand points like the population.
  std::filesystem::path path;
  std::string layer;
  std::string code_field = "code_insee";
  std::string count_field;
};

// Table [demand]: where people live and how old they are.
struct DemandSettings {
  // automatic ("auto"): per commune, the first of insee_grid, buildings,
  // landuse, grid that has data in it; or one of those to use only that one
  // (communes it does not cover fall back to the regular grid).
  DemandSourceChoice source = DemandSourceChoice::automatic;
  std::filesystem::path insee_grid;  // INSEE Filosofi carreaux (any GDAL vector source)
  std::string insee_grid_layer;      // empty = the only layer
  // Buildings and residential land use are read from this OSM PBF; empty =
  // the network's PBF when it is one (osm_buildings_source decides).
  std::filesystem::path osm_buildings;
  double building_cell_m = kDefaultBuildingCellM;  // buildings are gathered into cells this wide
  double min_building_m2 = 30.0;                   // smaller footprints are sheds and garages
  std::optional<AgeTable> age_table;
  BandShares band_shares = default_band_shares();  // [demand.band_shares]
  // The scenario has [demand.band_shares]; scenario_to_toml writes the table
  // only then, so that reading it back keeps this flag.
  bool band_shares_given = false;
  std::vector<GroupSource> groups;  // [demand.groups], by name
};

// Table [services.TYPE]: who a service type serves (overrides the defaults
// of default_service_info).
struct ServiceSettings {
  AgeBandSet target;  // key `bands`: ["0-2"], ["3-5", "6-11"], ["all"]...
};

// Table [accessibility]: cumulative opportunities, gravity and floating
// catchment (2SFCA / E2SFCA) settings.
struct AccessibilitySettings {
  double catchment_minutes = kDefaultCatchmentMinutes;  // 2SFCA catchment, E2SFCA's outer limit
  // E2SFCA weights over travel time: "steps" (zones), "gaussian" or
  // "exponential" (kDecayKindNames).
  DecayKind decay = DecayKind::gaussian;
  // "steps": (upper bound in minutes, weight) pairs, increasing bounds, the
  // last equal to catchment_minutes, weights in [0, 1]; empty = thirds of
  // the catchment weighted 1, 0.68, 0.22 (Luo and Qi 2009). Reading refuses
  // them with another decay.
  std::vector<std::pair<double, double>> decay_steps;
  // "exponential": w = exp(-beta t)
  double exponential_beta_per_minute = kDefaultExponentialBetaPerMinute;
  // gravity score: sum of places * exp(-beta t)
  double gravity_beta_per_minute = kDefaultGravityBetaPerMinute;
};

// Table [tension]: the thresholds that make a commune or demand point a
// "zone en tension".
struct TensionSettings {
  double max_minutes = kDefaultTensionMaxMinutes;  // time to the nearest service above this
  // floating-catchment coverage below this
  double min_places_per_100 = kDefaultTensionMinPlacesPer100;
  // Which E2SFCA rate min_places_per_100 is compared with: "service" (the
  // facilities' own places) or "global" (with the [supply] places too; only
  // with [supply]); kTensionRateNames.
  TensionRate rate = TensionRate::service;
};

// One table of [supply]: places per commune of one kind of childcare
// without an address, joined on the INSEE code.
struct SupplyTable {
  std::filesystem::path path;  // CSV (read as text) or any GDAL table
  std::string layer;           // empty = the only layer
  std::string code_field = "code_insee";
  std::string places_field;  // required: places of the commune
  std::int64_t year = 0;     // required: the year the figures describe
  std::string source;        // required: who published them (run_info)
};

// Table [supply]: the childcare places that have no single address
// (assistants maternels, home childcare, 2-year-olds at school), which
// complete the places of one service type (the EAJE) into the CAF's taux de
// couverture global.
struct SupplySettings {
  std::string service_type = "eaje";  // the facilities these places complete
  // The figures are made up (the demo): said in the summary and run_info.
  bool illustrative = false;
  std::array<std::optional<SupplyTable>, kSupplyKindCount> tables;  // by SupplyKind
};

// Table [equity]: which accessibility measure the inequality indices use.
struct EquitySettings {
  EquityMeasure measure = EquityMeasure::travel_time;  // kEquityMeasureNames
};

// Table [privacy]: counts small enough to identify a household are masked
// in per-demand-point outputs meant for publication.
struct PrivacySettings {
  bool mask_small_counts = true;
  double threshold = 11.0;  // counts below this are written NULL, flagged masked
};

// Table [siting]: where k new sites of one service type should go
// (`couverture site`).
struct SitingSettings {
  std::string service_type = "eaje";       // the type of the new sites
  std::size_t sites = 1;                   // k, >= 1
  double capacity = kDefaultSiteCapacity;  // places of each new site (> 0)
  // "max_covering" (MCLP: target population within coverage_minutes),
  // "p_median" (target-weighted travel time), "equity_maximin" (the worst
  // commune's share within coverage_minutes), "equity_gini" (Gini of travel
  // times) or "capacity" (E2SFCA: target population under the tension level).
  SitePlanObjective objective = SitePlanObjective::max_covering;
  double coverage_minutes = kDefaultSitingCoverageMinutes;  // T of max_covering, equity_maximin
  // Candidates: a file (same columns as [facilities]: id, name, x/y or a
  // layer; type and capacity optional), or generated: "commune_centres"
  // (each commune's most populated demand point), "demand_points" (every
  // demand point, thinned to grid_spacing_m) or "grid" (a regular grid over
  // the communes, grid_spacing_m apart, points off the road network
  // skipped beyond the snapping limit).
  std::optional<FacilitySource> candidates;
  CandidateGenerator generate = CandidateGenerator::commune_centres;
  double grid_spacing_m = 1000.0;                  // > 0
  bool one_per_commune = false;                    // at most one new site per commune
  double min_distance_m = 0.0;                     // >= 0: new sites at least this far apart
  SiteSolver solver = SiteSolver::automatic;       // "auto", "exact" (CBC MILP) or "greedy"
  double time_limit_s = kDefaultSitingTimeLimitS;  // exact solver's limit, > 0
  // Instances larger than this (demand points × candidates) go to the greedy
  // solver under "auto".
  double exact_size_limit = kDefaultExactSizeLimit;
  // Key `weight = { poor_households = 2 }`: a member of a [demand.groups]
  // group counts this many times in the objective (default 1).
  std::map<std::string, double> group_weights;
};

struct OutputSettings {
  std::filesystem::path path = "couverture.gpkg";
  std::string crs = "EPSG:2154";  // RGF93 / Lambert-93, mainland France
};

// A coverage scenario as read from a TOML file (format: docs/scenario.md).
// Paths are absolute once read: relative ones are resolved against the
// scenario file's folder.
struct Scenario {
  std::filesystem::path file;
  std::string name;
  std::string note;  // free text carried to run_info, e.g. "synthetic roads"
  CommuneSource communes;
  FacilitySource facilities;
  NetworkSource network;
  AnalysisSettings analysis;
  IsochroneSettings isochrones;
  DemandSettings demand;
  std::map<std::string, ServiceSettings> services;  // by service type
  AccessibilitySettings accessibility;
  TensionSettings tension;
  std::optional<SupplySettings> supply;  // [supply]; nullopt: facilities' places only
  EquitySettings equity;
  PrivacySettings privacy;
  SitingSettings siting;
  // A variant: key `baseline` names the scenario this one starts from (its
  // settings are read first, the variant's tables override them key by
  // key), and [changes] lists what differs (facilities, capacities, roads).
  // `baseline` is absolute, empty when the scenario is not a variant.
  std::filesystem::path baseline;
  // Against the facilities file and the road graph: a variant's are its
  // baseline's with its own applied on top (a later change of the same
  // facility or way wins), so they hold every change down the chain.
  ScenarioChanges changes;
  OutputSettings output;
};

// Reads and checks a scenario; throws DataError naming the file, the key and
// its line for a missing, mistyped, misspelled or unknown key. A variant's
// baseline is read first (and checked on its own); every path resolves
// against the folder of the file that wrote it; errors name that file. A
// variant's name defaults to "<baseline name> (variant)", its output path to
// "<variant file stem>.gpkg" beside it (never the baseline's).
Scenario read_scenario(const std::filesystem::path& file);

// The OSM PBF that buildings and residential land use are read from:
// demand.osm_buildings when given, else the network's path when it is a
// .pbf, else empty (no OSM extract: those demand sources are unavailable).
std::filesystem::path osm_buildings_source(const Scenario& scenario);

// The TOML text of a scenario, with paths written relative to `folder` (the
// scenario file's folder), so the folder can be moved and re-run. A variant
// is written merged, without `baseline`, with all its [changes]: the text
// runs on its own. [siting] is written with every key; [siting.candidates]
// and [changes] only when the scenario has them.
std::string scenario_to_toml(const Scenario& scenario, const std::filesystem::path& folder);

}  // namespace couverture
